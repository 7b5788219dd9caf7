"use client";
// "Save as test case" on a conversation: its customer messages become a case's script and what happened becomes its
// expectations, in an existing suite of the conversation's flow or a new one.
import { useId, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { FlaskConical } from "lucide-react";
import { buttonClass, inputClass, linkClass, selectClass } from "@/components/ui/button";
import { DialogFrame } from "@/components/ui/dialog-frame";
import { FormActions } from "@/components/ui/form-actions";
import { fieldAria, firstFieldErrors, SettingsField } from "@/components/settings/settings-field";
import { saveConversationAsCaseAction } from "@/lib/features/evals/actions";

const NEW_SUITE = "__new__";

export function SaveAsCase({
  conversationId,
  flowName,
  suites,
  defaultName,
}: {
  conversationId: string;
  flowName: string;
  suites: { id: string; name: string }[];
  defaultName: string;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [suiteId, setSuiteId] = useState(suites[0]?.id ?? NEW_SUITE);
  const [newSuiteName, setNewSuiteName] = useState("");
  const [name, setName] = useState(defaultName);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<{ suiteId: string; suiteName: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const id = useId();

  const open = () => {
    setSuiteId(suites[0]?.id ?? NEW_SUITE);
    setNewSuiteName(suites.length ? "" : `${flowName} regressions`);
    setName(defaultName);
    setErrors({});
    setSaved(null);
    dialogRef.current?.showModal();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await saveConversationAsCaseAction(
        suiteId === NEW_SUITE ? { conversationId, name, newSuiteName } : { conversationId, name, suiteId },
      );
      if (!result.ok) {
        const fieldErrors = firstFieldErrors(result.fieldErrors);
        setErrors(Object.keys(fieldErrors).length ? fieldErrors : { _: result.message });
        return;
      }
      setErrors({});
      setSaved({ suiteId: result.data.suiteId, suiteName: result.data.suiteName });
    });
  };

  return (
    <>
      <button type="button" className={buttonClass("secondary", "sm")} onClick={open} data-testid="save-as-case">
        <FlaskConical aria-hidden className="size-3.5" />
        Save as test case
      </button>
      <DialogFrame ref={dialogRef} labelledBy={`${id}-title`} testId="save-as-case-dialog">
        {saved ? (
          <div className="space-y-4 p-5" role="status">
            <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
              Saved as a test case
            </h2>
            <p className="text-sm text-slate-700">
              The case pins what this conversation did. It is in{" "}
              <Link href={`/evals/${saved.suiteId}`} className={linkClass} data-testid="saved-suite-link">
                {saved.suiteName}
              </Link>
              .
            </p>
            <div className="flex justify-end">
              <button
                type="button"
                className={buttonClass("secondary")}
                onClick={() => dialogRef.current?.close()}
                autoFocus
              >
                Close
              </button>
            </div>
          </div>
        ) : (
          <form onSubmit={submit} className="space-y-4 p-5" noValidate>
            <div>
              <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
                Save as test case
              </h2>
              <p className="mt-1 text-sm text-slate-600">
                The customer’s messages become the script; the routes, tools, escalation and replies that happened
                become the expectations.
              </p>
            </div>
            <SettingsField id={`${id}-suite`} label={`Suite (${flowName})`} error={errors.suiteId}>
              <select
                id={`${id}-suite`}
                className={`${selectClass} w-full`}
                value={suiteId}
                onChange={(e) => setSuiteId(e.target.value)}
                data-testid="save-case-suite"
              >
                {suites.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
                <option value={NEW_SUITE}>New suite…</option>
              </select>
            </SettingsField>
            {suiteId === NEW_SUITE ? (
              <SettingsField
                id={`${id}-new-suite`}
                label="New suite name"
                error={errors.newSuiteName}
                hint="Gates publishing at a 90% pass rate; change it on the suite’s page."
              >
                <input
                  id={`${id}-new-suite`}
                  {...fieldAria(`${id}-new-suite`, errors.newSuiteName, true)}
                  className={inputClass}
                  maxLength={80}
                  value={newSuiteName}
                  onChange={(e) => setNewSuiteName(e.target.value)}
                  data-testid="save-case-new-suite"
                />
              </SettingsField>
            ) : null}
            <SettingsField id={`${id}-name`} label="Case name" error={errors.name}>
              <input
                id={`${id}-name`}
                {...fieldAria(`${id}-name`, errors.name)}
                className={inputClass}
                maxLength={120}
                value={name}
                onChange={(e) => setName(e.target.value)}
                data-testid="save-case-name"
              />
            </SettingsField>
            <FormActions
              error={errors._}
              pending={pending}
              onCancel={() => dialogRef.current?.close()}
              submitLabel="Save case"
              pendingLabel="Saving…"
              submitTestId="save-case-submit"
            />
          </form>
        )}
      </DialogFrame>
    </>
  );
}
