"use client";
import { Check, Copy, KeyRound, TriangleAlert } from "lucide-react";
import { useId, useRef, useState, useTransition } from "react";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/features/settings/api-keys/actions";
import { Badge } from "@/components/ui/badge";
import { buttonClass, inputClass } from "@/components/ui/button";
import { TBody, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { createApiKeySchema } from "@/lib/features/settings/api-keys/api-key-schema";

export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  rateLimitPerMinute: number;
};

function CopyButton({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={buttonClass("secondary", "sm")}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        } catch {
          setCopied(false);
        }
      }}
      data-testid="api-key-copy"
    >
      {copied ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
      {copied ? "Copied" : "Copy"}
    </button>
  );
}

/** The full key, shown once right after creation. */
function NewKeyNotice({ name, value, onDone }: { name: string; value: string; onDone: () => void }) {
  return (
    <div
      role="status"
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-3"
      data-testid="api-key-created"
    >
      <p className="flex items-center gap-1.5 text-sm font-medium text-amber-900">
        <TriangleAlert aria-hidden className="size-4" />
        Copy the key “{name}” now: it is shown only this once and cannot be recovered.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-amber-200"
          data-testid="api-key-value"
        >
          {value}
        </code>
        <CopyButton value={value} />
        <button type="button" className={buttonClass("ghost", "sm")} onClick={onDone}>
          Done
        </button>
      </div>
      <p className="text-xs text-amber-900">
        Send it as <code className="font-mono">Authorization: Bearer …</code>; see /api/v1/openapi.json.
      </p>
    </div>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (name: string, key: string) => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createApiKeySchema.safeParse({ name: String(new FormData(event.currentTarget).get("name") ?? "") });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Not valid.");
      formRef.current?.querySelector<HTMLElement>('[name="name"]')?.focus();
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await createApiKeyAction(parsed.data);
      if (!result.ok) {
        setError(result.fieldErrors?.name?.[0] ?? result.message);
        return;
      }
      formRef.current?.reset();
      onCreated(result.data.name, result.data.key);
    });
  }

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="flex flex-wrap items-start gap-3"
      aria-label="Create an API key"
      data-testid="api-key-form"
    >
      <div className="min-w-64 flex-1">
        <label htmlFor={id} className="sr-only">
          Key name
        </label>
        <input
          id={id}
          name="name"
          placeholder="Name, e.g. Helpdesk integration"
          autoComplete="off"
          className={inputClass}
          disabled={pending}
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <p id={`${id}-error`} className="mt-1 text-xs text-rose-700" data-testid="api-key-error">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className={buttonClass("primary")} disabled={pending} data-testid="api-key-create">
        <KeyRound aria-hidden className="size-4" />
        {pending ? "Creating…" : "Create key"}
      </button>
    </form>
  );
}

function KeyRow({ apiKey, canManage }: { apiKey: ApiKeyView; canManage: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function revoke() {
    setError(null);
    startTransition(async () => {
      const result = await revokeApiKeyAction({ apiKeyId: apiKey.id });
      setConfirming(false);
      if (!result.ok) setError(result.message);
    });
  }

  return (
    <tr
      data-testid="api-key-row"
      data-name={apiKey.name}
      data-status={apiKey.revokedAt ? "revoked" : "active"}
      className="align-top"
    >
      <td className="px-3 py-2.5 font-medium text-slate-900">{apiKey.name}</td>
      <td className="px-3 py-2.5 font-mono text-xs text-slate-700">{apiKey.prefix}…</td>
      <td className="whitespace-nowrap px-3 py-2.5 text-slate-600">
        <Time value={apiKey.createdAt} />
        <div className="text-xs text-slate-500">{apiKey.createdBy ? `by ${apiKey.createdBy}` : "by first start"}</div>
      </td>
      <td className="whitespace-nowrap px-3 py-2.5 text-slate-600">
        {apiKey.lastUsedAt ? (
          <Time value={apiKey.lastUsedAt} mode="relative" />
        ) : (
          <span className="text-slate-500">never</span>
        )}
      </td>
      <td className="px-3 py-2.5">
        {apiKey.revokedAt ? (
          <Badge tone="neutral">revoked</Badge>
        ) : (
          <Badge tone="green" dot>
            active
          </Badge>
        )}
        <div className="mt-0.5 text-xs text-slate-500">{apiKey.rateLimitPerMinute}/min</div>
        {error ? <p className="mt-1 text-xs font-medium text-rose-700">{error}</p> : null}
      </td>
      {canManage ? (
        <td className="whitespace-nowrap px-3 py-2.5 text-right">
          {apiKey.revokedAt ? (
            <span className="text-xs text-slate-500">
              <Time value={apiKey.revokedAt} />
            </span>
          ) : confirming ? (
            <div
              role="group"
              aria-label={`Confirm revoking ${apiKey.name}`}
              className="flex items-center justify-end gap-2"
            >
              <span className="text-xs text-slate-700">Revoke? Requests with it fail at once.</span>
              <button
                type="button"
                className={buttonClass("danger", "sm")}
                disabled={pending}
                onClick={revoke}
                autoFocus
                data-testid="api-key-revoke-confirm"
              >
                {pending ? "Revoking…" : "Revoke"}
              </button>
              <button
                type="button"
                className={buttonClass("ghost", "sm")}
                disabled={pending}
                onClick={() => setConfirming(false)}
              >
                Cancel
              </button>
            </div>
          ) : (
            <button
              type="button"
              className={buttonClass("dangerGhost", "sm")}
              onClick={() => setConfirming(true)}
              data-testid="api-key-revoke"
            >
              Revoke<span className="sr-only"> {apiKey.name}</span>
            </button>
          )}
        </td>
      ) : null}
    </tr>
  );
}

export function ApiKeysCard({ keys, canManage }: { keys: ApiKeyView[]; canManage: boolean }) {
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  return (
    <div className="space-y-4 px-4 py-4">
      {canManage ? <CreateKeyForm onCreated={(name, key) => setCreated({ name, key })} /> : null}
      {created ? <NewKeyNotice name={created.name} value={created.key} onDone={() => setCreated(null)} /> : null}
      {keys.length === 0 ? (
        <p className="text-sm text-slate-500">No API keys yet.</p>
      ) : (
        <div className="relative -mx-4 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">API keys of this workspace</caption>
            <THead>
              {["Name", "Key", "Created", "Last used", "Status"].map((label) => (
                <Th key={label}>{label}</Th>
              ))}
              {canManage ? (
                <Th className="text-right" srOnly>
                  Actions
                </Th>
              ) : null}
            </THead>
            <TBody>
              {keys.map((k) => (
                <KeyRow key={k.id} apiKey={k} canManage={canManage} />
              ))}
            </TBody>
          </table>
        </div>
      )}
    </div>
  );
}
