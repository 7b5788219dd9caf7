// The model provider form, for adding a provider or editing one; it checks the fields with the provider schema
// before it calls the server action, and focuses the first field in error.
"use client";
import { Pencil, Plus } from "lucide-react";
import { useId, useRef, useState, useTransition } from "react";
import { createModelProviderAction, updateModelProviderAction } from "@/lib/features/settings/models/actions";
import { buttonClass, inputClass } from "@/components/ui/button";
import {
  createModelProviderSchema,
  DEFAULT_PROVIDER_NAME,
  type ModelProviderView,
} from "@/lib/runtime/agents/model-provider-schema";
import { fieldAria, firstFieldErrors, SettingsField, zodFieldErrors } from "./settings-field";

const FIELDS = ["name", "baseUrl", "apiKey", "defaultModel", "fallbackModel", "timeoutMs", "maxRetries"] as const;
type Field = (typeof FIELDS)[number];

/** Create (no `provider`) or edit form. The key field is write-only: blank keeps the stored key. */
export function ProviderForm({
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
