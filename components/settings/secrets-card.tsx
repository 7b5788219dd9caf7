"use client";
import { KeySquare, Plus } from "lucide-react";
import { useId, useRef, useState, useTransition } from "react";
import { createSecretAction, deleteSecretAction, updateSecretAction } from "@/lib/features/settings/models/actions";
import { buttonClass, inputClass } from "@/components/ui/button";
import { TBody, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { createSecretSchema, updateSecretSchema, type SecretView } from "@/lib/features/settings/secrets/secret-schema";
import { fieldAria, firstFieldErrors, SettingsField, zodFieldErrors } from "./settings-field";

export type { SecretView };

function CreateSecretForm({ onCreated }: { onCreated: (name: string) => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<{ name?: string; value?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const base = useId();
  const ids = { name: `${base}-name`, value: `${base}-value` };

  function focus(found: { name?: string; value?: string }) {
    const first = found.name ? "name" : found.value ? "value" : null;
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = createSecretSchema.safeParse({
      name: String(form.get("name") ?? ""),
      value: String(form.get("value") ?? ""),
    });
    if (!parsed.success) {
      const found = zodFieldErrors(parsed.error.issues);
      setErrors(found);
      setMessage(null);
      focus(found);
      return;
    }
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const result = await createSecretAction(parsed.data);
      if (!result.ok) {
        const found = firstFieldErrors(result.fieldErrors);
        setErrors(found);
        setMessage(result.message);
        focus(found);
        return;
      }
      formRef.current?.reset();
      onCreated(result.data.name);
    });
  }

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="grid items-start gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1.5fr)_auto]"
      aria-label="Add a secret"
      data-testid="secret-form"
    >
      <SettingsField
        id={ids.name}
        label="Name"
        error={errors.name}
        hint="UPPER_SNAKE_CASE; HTTP tools use it as {{secret.NAME}}."
      >
        <input
          id={ids.name}
          name="name"
          autoComplete="off"
          spellCheck={false}
          placeholder="CRM_TOKEN"
          className={`${inputClass} font-mono`}
          disabled={pending}
          {...fieldAria(ids.name, errors.name, true)}
        />
      </SettingsField>
      <SettingsField
        id={ids.value}
        label="Value"
        error={errors.value}
        hint="Stored encrypted. It is never shown again, only its last four characters."
      >
        <input
          id={ids.value}
          name="value"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          className={inputClass}
          disabled={pending}
          {...fieldAria(ids.value, errors.value, true)}
        />
      </SettingsField>
      <div className="md:pt-6">
        <button type="submit" className={buttonClass("primary")} disabled={pending} data-testid="secret-create">
          <Plus aria-hidden className="size-4" />
          {pending ? "Adding…" : "Add secret"}
        </button>
      </div>
      {message ? (
        <p role="alert" className="text-sm font-medium text-rose-700 md:col-span-3" data-testid="secret-error">
          {message}
        </p>
      ) : null}
    </form>
  );
}

function ReplaceValueForm({
  secret,
  onDone,
  onCancel,
}: {
  secret: SecretView;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = updateSecretSchema.safeParse({
      id: secret.id,
      value: String(new FormData(event.currentTarget).get("value") ?? ""),
    });
    if (!parsed.success) {
      setError(zodFieldErrors(parsed.error.issues).value ?? parsed.error.issues[0]?.message ?? "Not valid.");
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await updateSecretAction(parsed.data);
      if (!result.ok) setError(result.fieldErrors?.value?.[0] ?? result.message);
      else onDone();
    });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-wrap items-start justify-end gap-2"
      aria-label={`Replace the value of ${secret.name}`}
    >
      <div className="min-w-56">
        <label htmlFor={id} className="sr-only">
          New value for {secret.name}
        </label>
        <input
          id={id}
          name="value"
          type="password"
          autoComplete="new-password"
          autoFocus
          placeholder="New value"
          className={inputClass}
          disabled={pending}
          {...fieldAria(id, error ?? undefined)}
        />
        {error ? (
          <p id={`${id}-error`} className="mt-1 text-left text-xs text-rose-700">
            {error}
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        className={buttonClass("primary", "sm")}
        disabled={pending}
        data-testid="secret-replace-save"
      >
        {pending ? "Saving…" : "Save"}
      </button>
      <button type="button" className={buttonClass("ghost", "sm")} disabled={pending} onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

function SecretRow({
  secret,
  canManage,
  onMessage,
}: {
  secret: SecretView;
  canManage: boolean;
  onMessage: (text: string) => void;
}) {
  const [mode, setMode] = useState<"idle" | "replace" | "confirm">("idle");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function remove() {
    setError(null);
    startTransition(async () => {
      const result = await deleteSecretAction({ id: secret.id });
      setMode("idle");
      if (!result.ok) setError(result.message);
      else onMessage(`Deleted ${secret.name}.`);
    });
  }

  return (
    <tr data-testid="secret-row" data-name={secret.name} className="align-top">
      <td className="px-3 py-2.5 font-mono text-xs font-medium text-slate-900">{secret.name}</td>
      {canManage ? (
        <td className="px-3 py-2.5 font-mono text-xs text-slate-600">{secret.hint ? `••••${secret.hint}` : "••••"}</td>
      ) : null}
      <td className="whitespace-nowrap px-3 py-2.5 text-slate-600">
        <Time value={secret.updatedAt} />
        {error ? <p className="mt-1 text-xs font-medium text-rose-700">{error}</p> : null}
      </td>
      {canManage ? (
        <td className="px-3 py-2.5 text-right">
          {mode === "replace" ? (
            <ReplaceValueForm
              secret={secret}
              onCancel={() => setMode("idle")}
              onDone={() => {
                setMode("idle");
                onMessage(`Replaced the value of ${secret.name}.`);
              }}
            />
          ) : mode === "confirm" ? (
            <div
              role="group"
              aria-label={`Confirm deleting ${secret.name}`}
              className="flex items-center justify-end gap-2"
            >
              <span className="text-xs text-slate-700">Delete? Tools using it will fail.</span>
              <button
                type="button"
                className={buttonClass("danger", "sm")}
                disabled={pending}
                onClick={remove}
                autoFocus
                data-testid="secret-delete-confirm"
              >
                {pending ? "Deleting…" : "Delete"}
              </button>
              <button
                type="button"
                className={buttonClass("ghost", "sm")}
                disabled={pending}
                onClick={() => setMode("idle")}
              >
                Cancel
              </button>
            </div>
          ) : (
            <div className="flex items-center justify-end gap-1 whitespace-nowrap">
              <button
                type="button"
                className={buttonClass("ghost", "sm")}
                onClick={() => setMode("replace")}
                data-testid="secret-replace"
              >
                Replace value<span className="sr-only"> of {secret.name}</span>
              </button>
              <button
                type="button"
                className={buttonClass("dangerGhost", "sm")}
                onClick={() => setMode("confirm")}
                data-testid="secret-delete"
              >
                Delete<span className="sr-only"> {secret.name}</span>
              </button>
            </div>
          )}
        </td>
      ) : null}
    </tr>
  );
}

/** Named secrets for HTTP tools. Values are write-only; non-admins see the names only. */
export function SecretsCard({ secrets, canManage }: { secrets: SecretView[]; canManage: boolean }) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="space-y-4 px-4 py-4">
      {canManage ? (
        <CreateSecretForm
          onCreated={(name) => setNotice(`Added ${name}. Refer to it as {{secret.${name}}} in an HTTP tool's headers.`)}
        />
      ) : null}
      {notice ? (
        <p role="status" className="text-sm text-emerald-700" data-testid="secret-notice">
          {notice}
        </p>
      ) : null}
      {secrets.length === 0 ? (
        <div
          className="flex items-start gap-3 rounded-md border border-dashed border-slate-300 px-4 py-4 text-sm text-slate-600"
          data-testid="secrets-empty"
        >
          <KeySquare aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-500" />
          <p>
            No secrets yet. HTTP tools that call your systems put tokens in headers as{" "}
            <code className="font-mono">{"{{secret.NAME}}"}</code>; the value is filled in on the server when the tool
            runs and never reaches the browser, traces or the audit trail.
            {canManage ? "" : " Only admins can add secrets."}
          </p>
        </div>
      ) : (
        <div className="relative -mx-4 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Secrets of this workspace</caption>
            <THead>
              <Th>Name</Th>
              {canManage ? <Th>Value</Th> : null}
              <Th>Updated</Th>
              {canManage ? (
                <Th className="text-right" srOnly>
                  Actions
                </Th>
              ) : null}
            </THead>
            <TBody>
              {secrets.map((s) => (
                <SecretRow key={`${s.id}:${s.updatedAt}`} secret={s} canManage={canManage} onMessage={setNotice} />
              ))}
            </TBody>
          </table>
        </div>
      )}
    </div>
  );
}
