"use client";
// Add or edit a case: the customer's messages one per line, then what should happen, routes and tools picked from the
// suite's flow. The fields are the CSV import's columns (lib/features/evals/import-cases.ts), so a case reads the same
// way in the form and in a file.
import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Pencil, Plus } from "lucide-react";
import { buttonClass, inputClass, selectClass } from "@/components/ui/button";
import { DialogFrame } from "@/components/ui/dialog-frame";
import { FormActions } from "@/components/ui/form-actions";
import { fieldAria, SettingsField } from "@/components/settings/settings-field";
import { FINAL_STATUSES, type CaseExpectations } from "@/lib/features/evals/expectations";
import { caseFromColumns, columnsFromCase, type CaseColumns } from "@/lib/features/evals/import-cases";
import { createCaseAction, updateCaseAction } from "@/lib/features/evals/actions";
import type { FlowNames } from "@/lib/features/evals/expectation-names";
import { RoutePerTurn, ToolChecklist } from "./name-pickers";

type Fields = Required<CaseColumns>;
const EMPTY: Fields = columnsFromCase({ name: "", turns: [], expectations: {} });

/** A server field path ("expectations.routes.0", "turns.1") → the form field it belongs to. */
const SERVER_FIELD: Record<string, keyof Fields> = {
  name: "name",
  turns: "turns",
  "expectations.routes": "route",
  "expectations.toolsCalled": "tools_called",
  "expectations.toolsNotCalled": "tools_not_called",
  "expectations.escalated": "escalated",
  "expectations.finalStatus": "final_status",
  "expectations.replyContains": "reply_contains",
  "expectations.replyNotContains": "reply_not_contains",
  "expectations.exactWordingTurns": "exact_wording_turns",
  "expectations.guardrailsTriggered": "guardrails_triggered",
  customerRef: "customer",
};

function fieldOf(path: string): keyof Fields | "_" {
  const parts = path.split(".");
  return SERVER_FIELD[parts.slice(0, 2).join(".")] ?? SERVER_FIELD[parts[0]] ?? "_";
}

export function CaseForm({
  suiteId,
  names,
  existing,
}: {
  suiteId: string;
  /** The routes and tools of the suite's flow, which the case picks from. */
  names: FlowNames;
  existing?: {
    id: string;
    name: string;
    turns: string[];
    expectations: CaseExpectations;
    customerRef: string | null;
  };
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Fields | "_", string>>>({});
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const id = useId();

  const open = () => {
    setFields(existing ? columnsFromCase(existing) : EMPTY);
    setErrors({});
    dialogRef.current?.showModal();
  };

  const set =
    (key: keyof Fields) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setFields((f) => ({ ...f, [key]: e.target.value }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const converted = caseFromColumns(fields);
    if (converted.errors.length) {
      const next: Partial<Record<keyof Fields | "_", string>> = {};
      for (const message of converted.errors)
        next[(message.split(":")[0] as keyof Fields) ?? "_"] ??= message.replace(/^[a-z_]+: /, "");
      setErrors(next);
      return;
    }
    startTransition(async () => {
      const payload = {
        name: fields.name,
        turns: converted.turns,
        expectations: converted.expectations,
        customerRef: fields.customer,
      };
      const result = existing
        ? await updateCaseAction({ caseId: existing.id, ...payload })
        : await createCaseAction({ suiteId, ...payload });
      if (!result.ok) {
        const next: Partial<Record<keyof Fields | "_", string>> = {};
        for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) next[fieldOf(path)] ??= messages[0];
        if (!Object.keys(next).length) next._ = result.message;
        setErrors(next);
        return;
      }
      dialogRef.current?.close();
      router.refresh();
    });
  };

  const control = (key: keyof Fields) => ({
    id: `${id}-${key}`,
    value: fields[key],
    onChange: set(key),
    ...fieldAria(`${id}-${key}`, errors[key], true),
  });

  return (
    <>
      {existing ? (
        <button
          type="button"
          className={buttonClass("ghost", "sm")}
          onClick={open}
          aria-label={`Edit case ${existing.name}`}
          data-testid="edit-case"
        >
          <Pencil aria-hidden className="size-3.5" />
          Edit
        </button>
      ) : (
        <button type="button" className={buttonClass("primary")} onClick={open} data-testid="add-case">
          <Plus aria-hidden className="size-4" />
          Add case
        </button>
      )}
      <DialogFrame ref={dialogRef} labelledBy={`${id}-title`} width="2xl" testId="case-dialog">
        <form onSubmit={submit} className="space-y-4 p-5" noValidate>
          <div>
            <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
              {existing ? `Edit case “${existing.name}”` : "Add a case"}
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              Leave an expectation empty to not check it. Lists take one entry per line.
            </p>
          </div>
          <SettingsField id={`${id}-name`} label="Name" error={errors.name} hint="Unique in this suite.">
            <input {...control("name")} className={inputClass} maxLength={120} autoFocus data-testid="case-name" />
          </SettingsField>
          <SettingsField
            id={`${id}-turns`}
            label="Customer messages"
            error={errors.turns}
            hint="One message per line, in order: each line is one turn."
          >
            <textarea {...control("turns")} className={inputClass} rows={3} data-testid="case-turns" />
          </SettingsField>
          <SettingsField
            id={`${id}-customer`}
            label="Run as customer"
            error={errors.customer}
            hint="A customer number, e.g. C-1001: the case runs signed in as them (verified). Empty: an anonymous visitor."
          >
            <input
              {...control("customer")}
              className={`${inputClass} font-mono`}
              maxLength={64}
              data-testid="case-customer"
            />
          </SettingsField>
          <div className="grid gap-4 sm:grid-cols-2">
            <RoutePerTurn
              id={`${id}-route`}
              turns={fields.turns.split("\n").filter((line) => line.trim()).length}
              value={fields.route}
              routes={names.routes}
              error={errors.route}
              onChange={(route) => setFields((f) => ({ ...f, route }))}
            />
            <div className="grid gap-4">
              <SettingsField
                id={`${id}-escalated`}
                label="Escalates"
                error={errors.escalated}
                hint="Whether it reaches a person."
              >
                <select {...control("escalated")} className={`${selectClass} w-full`}>
                  <option value="">Not checked</option>
                  <option value="true">Yes</option>
                  <option value="false">No</option>
                </select>
              </SettingsField>
              <SettingsField
                id={`${id}-final_status`}
                label="Final status"
                error={errors.final_status}
                hint="The conversation's status after the last turn."
              >
                <select {...control("final_status")} className={`${selectClass} w-full`}>
                  <option value="">Not checked</option>
                  {FINAL_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </SettingsField>
            </div>
            <ToolChecklist
              id={`${id}-tools_called`}
              legend="Tools called"
              value={fields.tools_called}
              tools={names.tools}
              error={errors.tools_called}
              onChange={(tools) => setFields((f) => ({ ...f, tools_called: tools }))}
              testId="case-tools-called"
            />
            <ToolChecklist
              id={`${id}-tools_not_called`}
              legend="Tools never called"
              value={fields.tools_not_called}
              tools={names.tools}
              error={errors.tools_not_called}
              onChange={(tools) => setFields((f) => ({ ...f, tools_not_called: tools }))}
              testId="case-tools-not-called"
            />
            <SettingsField
              id={`${id}-reply_contains`}
              label="A reply contains"
              error={errors.reply_contains}
              hint="Case-insensitive; one text per line."
            >
              <textarea {...control("reply_contains")} className={inputClass} rows={2} />
            </SettingsField>
            <SettingsField
              id={`${id}-reply_not_contains`}
              label="No reply contains"
              error={errors.reply_not_contains}
              hint="Case-insensitive; one text per line."
            >
              <textarea {...control("reply_not_contains")} className={inputClass} rows={2} />
            </SettingsField>
            <SettingsField
              id={`${id}-exact_wording_turns`}
              label="Exact-wording turns"
              error={errors.exact_wording_turns}
              hint="Turn numbers whose reply must match approved wording, e.g. 1, 3."
            >
              <input {...control("exact_wording_turns")} className={inputClass} />
            </SettingsField>
            <SettingsField
              id={`${id}-guardrails_triggered`}
              label="Guardrails that fire"
              error={errors.guardrails_triggered}
              hint="Policy names, one per line."
            >
              <textarea {...control("guardrails_triggered")} className={`${inputClass} font-mono`} rows={2} />
            </SettingsField>
          </div>
          <FormActions
            error={errors._}
            pending={pending}
            onCancel={() => dialogRef.current?.close()}
            submitLabel={existing ? "Save case" : "Add case"}
            pendingLabel="Saving…"
            submitTestId="case-save"
          />
        </form>
      </DialogFrame>
    </>
  );
}
