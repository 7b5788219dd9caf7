"use client";
// Create a suite (on /evals, choosing its flow) or edit one (on its page). The pass threshold is edited as a
// percentage and stored as a fraction.
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { inputClass, selectClass } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { fieldAria, firstFieldErrors, SettingsField } from "@/components/settings/settings-field";
import { createSuiteAction, updateSuiteAction } from "@/lib/features/evals/actions";

type Existing = { id: string; name: string; description: string; passThreshold: number; gatesPublish: boolean };

export function SuiteForm({
  flows,
  existing,
  defaultFlowId,
  onDone,
}: {
  flows?: { id: string; name: string }[];
  existing?: Existing;
  defaultFlowId?: string;
  onDone?: () => void;
}) {
  const [flowId, setFlowId] = useState(defaultFlowId ?? flows?.[0]?.id ?? "");
  const [name, setName] = useState(existing?.name ?? "");
  const [description, setDescription] = useState(existing?.description ?? "");
  const [threshold, setThreshold] = useState(String(Math.round((existing?.passThreshold ?? 0.9) * 1000) / 10));
  const [gatesPublish, setGatesPublish] = useState(existing?.gatesPublish ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const id = useId();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const percent = Number(threshold);
    if (threshold.trim() === "" || !Number.isFinite(percent) || percent < 0 || percent > 100) {
      setErrors({ passThreshold: "Between 0% and 100%." });
      return;
    }
    startTransition(async () => {
      const fields = { name, description, passThreshold: percent / 100, gatesPublish };
      const result = existing
        ? await updateSuiteAction({ suiteId: existing.id, ...fields })
        : await createSuiteAction({ flowId, ...fields });
      if (!result.ok) {
        const fieldErrors = firstFieldErrors(result.fieldErrors);
        setErrors(Object.keys(fieldErrors).length ? fieldErrors : { _: result.message });
        return;
      }
      setErrors({});
      if (existing) {
        router.refresh();
        onDone?.();
      } else router.push(`/evals/${result.data.suiteId}`);
    });
  };

  return (
    <form
      onSubmit={submit}
      className="space-y-4"
      noValidate
      data-testid={existing ? "edit-suite-form" : "create-suite-form"}
    >
      {flows ? (
        <SettingsField id={`${id}-flow`} label="Flow" error={errors.flowId}>
          <select
            id={`${id}-flow`}
            className={`${selectClass} w-full`}
            value={flowId}
            onChange={(e) => setFlowId(e.target.value)}
            data-testid="suite-flow"
          >
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </SettingsField>
      ) : null}
      <SettingsField id={`${id}-name`} label="Name" error={errors.name} hint="Unique per flow, e.g. “Order questions”.">
        <input
          id={`${id}-name`}
          {...fieldAria(`${id}-name`, errors.name, true)}
          className={inputClass}
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="suite-name"
        />
      </SettingsField>
      <SettingsField id={`${id}-description`} label="Description (optional)" error={errors.description}>
        <textarea
          id={`${id}-description`}
          {...fieldAria(`${id}-description`, errors.description)}
          className={inputClass}
          rows={2}
          maxLength={500}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </SettingsField>
      <SettingsField
        id={`${id}-threshold`}
        label="Pass threshold (%)"
        error={errors.passThreshold}
        hint="A run passes when at least this share of cases pass."
      >
        <input
          id={`${id}-threshold`}
          {...fieldAria(`${id}-threshold`, errors.passThreshold, true)}
          className={`${inputClass} w-28`}
          type="number"
          inputMode="decimal"
          min={0}
          max={100}
          step={1}
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          data-testid="suite-threshold"
        />
      </SettingsField>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          className="mt-0.5 size-4 rounded border-slate-300"
          checked={gatesPublish}
          onChange={(e) => setGatesPublish(e.target.checked)}
          data-testid="suite-gates"
        />
        <span>
          <span className="font-medium">Gates publishing</span>
          <span className="block text-xs text-slate-500">
            Publishing this flow is blocked while the draft’s run is below the threshold or below the live version’s.
          </span>
        </span>
      </label>
      <FormActions
        error={errors._}
        pending={pending}
        onCancel={onDone}
        submitLabel={existing ? "Save suite" : "Create suite"}
        pendingLabel="Saving…"
        submitDisabled={!existing && !flowId}
        submitTestId="suite-save"
      />
    </form>
  );
}
