"use client";
import { Bot, CircleCheck, CircleX, Pencil, Plug, Plus } from "lucide-react";
import { useId, useRef, useState, useTransition } from "react";
import {
  createModelProviderAction,
  deleteModelProviderAction,
  testModelProviderAction,
  updateModelProviderAction,
} from "@/lib/features/settings/models/actions";
import { Badge } from "@/components/ui/badge";
import { buttonClass, inputClass } from "@/components/ui/button";
import { TBody, Th, THead } from "@/components/ui/table";
import {
  createModelProviderSchema,
  DEFAULT_PROVIDER_NAME,
  type ModelProviderView,
} from "@/lib/runtime/agents/model-provider-schema";
import { fieldAria, firstFieldErrors, SettingsField, zodFieldErrors } from "./settings-field";

export type { ModelProviderView };

const FIELDS = ["name", "baseUrl", "apiKey", "defaultModel", "fallbackModel", "timeoutMs", "maxRetries"] as const;
type Field = (typeof FIELDS)[number];

/** Create (no `provider`) or edit form. The key field is write-only: blank keeps the stored key. */
function ProviderForm({
  provider,
  onDone,
  onCancel,
}: {
  provider?: ModelProviderView;
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const base = useId();
  const id = (field: string) => `${base}-${field}`;
  const urlsId = `${base}-urls`;

  function focusFirst(found: Partial<Record<Field, string>>) {
    const first = FIELDS.find((f) => found[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const raw = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? "")]));
    const parsed = createModelProviderSchema.safeParse(raw);
    if (!parsed.success) {
      const found = zodFieldErrors(parsed.error.issues) as Partial<Record<Field, string>>;
      setErrors(found);
      setMessage(null);
      focusFirst(found);
      return;
    }
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const result = provider
        ? await updateModelProviderAction({
            ...parsed.data,
            id: provider.id,
            clearApiKey: form.get("clearApiKey") === "on",
          })
        : await createModelProviderAction(parsed.data);
      if (!result.ok) {
        const found = firstFieldErrors(result.fieldErrors) as Partial<Record<Field, string>>;
        setErrors(found);
        setMessage(result.message);
        focusFirst(found);
        return;
      }
      formRef.current?.reset();
      onDone(
        provider
          ? `Saved ${result.data.name}.`
          : `Added ${result.data.name}. Agents can use it as ${result.data.name}/<model>.`,
      );
    });
  }

  const control = (field: Field, hint = false) => ({
    id: id(field),
    name: field,
    disabled: pending,
    className: inputClass,
    ...fieldAria(id(field), errors[field], hint),
  });

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4 rounded-md border border-slate-200 bg-slate-50/60 p-4"
      aria-label={provider ? `Edit model provider ${provider.name}` : "Add a model provider"}
      data-testid={provider ? "model-provider-edit-form" : "model-provider-form"}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <SettingsField
          id={id("name")}
          label="Name"
          error={errors.name}
          hint={
            <>
              Agents write <code className="font-mono">name/model</code>. The one named{" "}
              <code className="font-mono">{DEFAULT_PROVIDER_NAME}</code> serves bare model names.
            </>
          }
        >
          <input
            {...control("name", true)}
            defaultValue={provider?.name ?? ""}
            autoComplete="off"
            placeholder={DEFAULT_PROVIDER_NAME}
          />
        </SettingsField>
        <SettingsField
          id={id("baseUrl")}
          label="Base URL"
          error={errors.baseUrl}
          hint="Any OpenAI-compatible endpoint: OpenAI, a gateway, Ollama, vLLM, LM Studio."
        >
          <input
            {...control("baseUrl", true)}
            type="url"
            inputMode="url"
            list={urlsId}
            defaultValue={provider?.baseUrl ?? ""}
            autoComplete="off"
            placeholder="https://api.openai.com/v1"
          />
          <datalist id={urlsId}>
            <option value="https://api.openai.com/v1">OpenAI</option>
            <option value="http://localhost:11434/v1">Ollama on this machine</option>
            <option value="http://localhost:8000/v1">vLLM on this machine</option>
          </datalist>
        </SettingsField>
        <SettingsField
          id={id("apiKey")}
          label="API key"
          error={errors.apiKey}
          hint={
            provider?.hasKey
              ? `Leave blank to keep the stored key${provider.apiKeyHint ? ` (ending ${provider.apiKeyHint})` : ""}. It is encrypted and never shown again.`
              : "Optional for local servers. Stored encrypted; it is never shown again."
          }
        >
          <input
            {...control("apiKey", true)}
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            placeholder={provider?.hasKey ? "••••••••" : "sk-…"}
          />
        </SettingsField>
        {provider?.hasKey ? (
          <div className="flex items-end pb-6">
            <label className="inline-flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                name="clearApiKey"
                className="size-4 rounded border-slate-300"
                disabled={pending}
              />
              Remove the stored key
            </label>
          </div>
        ) : (
          <div aria-hidden className="hidden md:block" />
        )}
        <SettingsField
          id={id("defaultModel")}
          label="Default model"
          error={errors.defaultModel}
          hint="Used when an agent names only this provider."
        >
          <input
            {...control("defaultModel", true)}
            defaultValue={provider?.defaultModel ?? ""}
            autoComplete="off"
            placeholder="gpt-4o-mini"
          />
        </SettingsField>
        <SettingsField
          id={id("fallbackModel")}
          label="Fallback model (optional)"
          error={errors.fallbackModel}
          hint="Tried once when the model keeps failing (rate limits, server errors, timeouts)."
        >
          <input
            {...control("fallbackModel", true)}
            defaultValue={provider?.fallbackModel ?? ""}
            autoComplete="off"
            placeholder="gpt-4.1-nano"
          />
        </SettingsField>
        <SettingsField id={id("timeoutMs")} label="Timeout per attempt (ms)" error={errors.timeoutMs}>
          <input
            {...control("timeoutMs")}
            type="number"
            inputMode="numeric"
            min={1000}
            max={300000}
            step={1000}
            defaultValue={provider?.timeoutMs ?? 30000}
          />
        </SettingsField>
        <SettingsField
          id={id("maxRetries")}
          label="Retries"
          error={errors.maxRetries}
          hint="Extra attempts after a retriable failure, with backoff."
        >
          <input
            {...control("maxRetries", true)}
            type="number"
            inputMode="numeric"
            min={0}
            max={5}
            step={1}
            defaultValue={provider?.maxRetries ?? 2}
          />
        </SettingsField>
      </div>
      {message ? (
        <p role="alert" className="text-sm font-medium text-rose-700" data-testid="model-provider-error">
          {message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass("primary")} disabled={pending} data-testid="model-provider-save">
          {provider ? <Pencil aria-hidden className="size-4" /> : <Plus aria-hidden className="size-4" />}
          {pending ? "Saving…" : provider ? "Save changes" : "Add provider"}
        </button>
        {onCancel ? (
          <button type="button" className={buttonClass("ghost")} disabled={pending} onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

type TestOutcome = { ok: boolean; message: string; latencyMs?: number };

function ProviderRow({
  provider,
  canManage,
  onMessage,
}: {
  provider: ModelProviderView;
  canManage: boolean;
  onMessage: (text: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [test, setTest] = useState<TestOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [testing, startTest] = useTransition();
  const columns = canManage ? 5 : 4;

  function runTest() {
    setTest(null);
    startTest(async () => {
      const result = await testModelProviderAction({ id: provider.id });
      setTest(
        result.ok
          ? { ok: result.data.ok, message: result.data.message, latencyMs: result.data.latencyMs }
          : { ok: false, message: result.message },
      );
    });
  }

  function remove() {
    setError(null);
    startTransition(async () => {
      const result = await deleteModelProviderAction({ id: provider.id });
      setConfirming(false);
      if (!result.ok) setError(result.message);
      else onMessage(`Deleted ${provider.name}.`);
    });
  }

  return (
    <>
      <tr data-testid="model-provider-row" data-name={provider.name} className="align-top">
        <td className="px-3 py-2.5">
          <div className="font-medium text-slate-900">{provider.name}</div>
          {provider.name === DEFAULT_PROVIDER_NAME ? (
            <Badge tone="indigo" className="mt-1">
              serves bare model names
            </Badge>
          ) : null}
        </td>
        <td className="max-w-72 break-all px-3 py-2.5 font-mono text-xs text-slate-700">{provider.baseUrl}</td>
        <td className="px-3 py-2.5 text-slate-700">
          <div className="font-mono text-xs">{provider.defaultModel}</div>
          {provider.fallbackModel ? (
            <div className="mt-0.5 text-xs text-slate-500">fallback {provider.fallbackModel}</div>
          ) : null}
          <div className="mt-0.5 text-xs text-slate-500">
            {provider.timeoutMs / 1000} s · {provider.maxRetries} {provider.maxRetries === 1 ? "retry" : "retries"}
          </div>
        </td>
        <td className="px-3 py-2.5">
          {provider.hasKey ? (
            <Badge tone="green" dot>
              {provider.apiKeyHint ? <span className="font-mono">key ••••{provider.apiKeyHint}</span> : "key set"}
            </Badge>
          ) : (
            <Badge tone="neutral">no key</Badge>
          )}
          {test ? (
            <p
              role="status"
              className={`mt-1.5 flex items-start gap-1 text-xs ${test.ok ? "text-emerald-700" : "text-rose-700"}`}
              data-testid="model-provider-test-result"
              data-ok={test.ok}
            >
              {test.ok ? (
                <CircleCheck aria-hidden className="mt-px size-3.5 shrink-0" />
              ) : (
                <CircleX aria-hidden className="mt-px size-3.5 shrink-0" />
              )}
              <span>
                {test.message}
                {test.latencyMs !== undefined ? ` (${test.latencyMs} ms)` : ""}
              </span>
            </p>
          ) : null}
          {error ? <p className="mt-1 text-xs font-medium text-rose-700">{error}</p> : null}
        </td>
        {canManage ? (
          <td className="whitespace-nowrap px-3 py-2.5 text-right">
            {confirming ? (
              <div
                role="group"
                aria-label={`Confirm deleting ${provider.name}`}
                className="flex items-center justify-end gap-2"
              >
                <span className="text-xs text-slate-700">Delete? Agents naming it fall back.</span>
                <button
                  type="button"
                  className={buttonClass("danger", "sm")}
                  disabled={pending}
                  onClick={remove}
                  autoFocus
                  data-testid="model-provider-delete-confirm"
                >
                  {pending ? "Deleting…" : "Delete"}
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
              <div className="flex items-center justify-end gap-1">
                <button
                  type="button"
                  className={buttonClass("secondary", "sm")}
                  onClick={runTest}
                  disabled={testing}
                  data-testid="model-provider-test"
                >
                  <Plug aria-hidden className="size-3.5" />
                  {testing ? "Testing…" : "Test"}
                  <span className="sr-only"> {provider.name}</span>
                </button>
                <button
                  type="button"
                  className={buttonClass("ghost", "sm")}
                  onClick={() => setEditing((v) => !v)}
                  aria-expanded={editing}
                  data-testid="model-provider-edit"
                >
                  Edit<span className="sr-only"> {provider.name}</span>
                </button>
                <button
                  type="button"
                  className={buttonClass("dangerGhost", "sm")}
                  onClick={() => setConfirming(true)}
                  data-testid="model-provider-delete"
                >
                  Delete<span className="sr-only"> {provider.name}</span>
                </button>
              </div>
            )}
          </td>
        ) : null}
      </tr>
      {editing && canManage ? (
        <tr>
          <td colSpan={columns} className="px-3 pb-3">
            <ProviderForm
              provider={provider}
              onCancel={() => setEditing(false)}
              onDone={(text) => {
                setEditing(false);
                onMessage(text);
              }}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/**
 * The workspace's OpenAI-compatible model providers. Admins add, edit, test and delete them; everyone else sees the
 * list read-only and never any key material.
 */
export function ModelProvidersCard({
  providers,
  canManage,
  envConfigured,
}: {
  providers: ModelProviderView[];
  canManage: boolean;
  envConfigured: boolean;
}) {
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const hasDefault = providers.some((p) => p.name === DEFAULT_PROVIDER_NAME);

  return (
    <div className="space-y-4 px-4 py-4">
      {providers.length === 0 ? (
        <div
          className="flex items-start gap-3 rounded-md border border-dashed border-slate-300 px-4 py-4"
          data-testid="model-providers-empty"
        >
          <Bot aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-400" />
          <div className="space-y-1 text-sm text-slate-600">
            <p className="font-medium text-slate-900">No model provider yet.</p>
            {envConfigured ? (
              <p>
                LLM agents use the endpoint set in the server&apos;s environment (OPENAI_BASE_URL / OPENAI_API_KEY).
              </p>
            ) : (
              <p>
                LLM agents and LLM routers are served by the built-in <strong>offline provider</strong>: deterministic,
                no network and no keys. It fills slots, calls tools and routes by word overlap, which is enough for the
                demo flows, but it does not understand language.
              </p>
            )}
            <p>
              Add an OpenAI-compatible endpoint to use real models. Name it{" "}
              <code className="font-mono">{DEFAULT_PROVIDER_NAME}</code> to serve agents that name just a model (like{" "}
              <code className="font-mono">gpt-4o-mini</code>); agents can always pick{" "}
              <code className="font-mono">offline</code>.
            </p>
          </div>
        </div>
      ) : (
        <>
          {!hasDefault ? (
            <p className="text-xs text-slate-500">
              No provider is named <code className="font-mono">{DEFAULT_PROVIDER_NAME}</code>: agents that name only a
              model use {envConfigured ? "the environment's endpoint (OPENAI_BASE_URL)" : "the offline provider"}.
            </p>
          ) : null}
          <div className="-mx-4 overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Model providers of this workspace</caption>
              <THead>
                {["Name", "Base URL", "Models", "Key"].map((label) => (
                  <Th key={label}>{label}</Th>
                ))}
                {canManage ? (
                  <Th className="text-right" srOnly>
                    Actions
                  </Th>
                ) : null}
              </THead>
              <TBody>
                {providers.map((p) => (
                  <ProviderRow
                    key={`${p.id}:${p.updatedAt}`}
                    provider={p}
                    canManage={canManage}
                    onMessage={setNotice}
                  />
                ))}
              </TBody>
            </table>
          </div>
        </>
      )}
      {notice ? (
        <p role="status" className="text-sm text-emerald-700" data-testid="model-provider-notice">
          {notice}
        </p>
      ) : null}
      {canManage ? (
        adding ? (
          <ProviderForm
            onCancel={() => setAdding(false)}
            onDone={(text) => {
              setAdding(false);
              setNotice(text);
            }}
          />
        ) : (
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => setAdding(true)}
            data-testid="model-provider-add"
          >
            <Plus aria-hidden className="size-4" />
            Add a provider
          </button>
        )
      ) : (
        <p className="text-xs text-slate-500">Only admins can add or change model providers.</p>
      )}
    </div>
  );
}
