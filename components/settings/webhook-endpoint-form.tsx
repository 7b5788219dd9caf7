"use client";
// Create an endpoint (kind, name, URL, events) or edit one (name, URL, events; the kind is fixed). After creating,
// the signing secret is shown once, with a link to the endpoint's page.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Plus } from "lucide-react";
import { useId, useRef, useState, useTransition } from "react";
import { createWebhookEndpointAction, updateWebhookEndpointAction } from "@/lib/features/settings/webhooks/actions";
import { buttonClass, inputClass, linkClass } from "@/components/ui/button";
import {
  createWebhookEndpointSchema,
  updateWebhookEndpointSchema,
  WEBHOOK_ENDPOINT_KINDS,
  WEBHOOK_KIND_LABELS,
  type WebhookEndpointKind,
} from "@/lib/features/settings/webhooks/endpoint-schema";
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENTS, type WebhookEvent } from "@/lib/runtime/webhooks/event-types";
import { fieldAria, firstFieldErrors, SettingsField, zodFieldErrors } from "./settings-field";
import { WebhookSecretNotice } from "./webhook-secret-notice";

type Errors = { kind?: string; name?: string; url?: string; events?: string };

const KIND_HINTS: Record<WebhookEndpointKind, string> = {
  subscription: "Receives the events you pick below.",
  handoff: "An external contact centre: escalate nodes that name it send it the conversation's context package.",
};

export type WebhookEndpointFormValues = {
  id: string;
  kind: WebhookEndpointKind;
  name: string;
  url: string;
  events: string[];
};

export function WebhookEndpointForm({ endpoint }: { endpoint?: WebhookEndpointFormValues }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [kind, setKind] = useState<WebhookEndpointKind>(endpoint?.kind ?? "subscription");
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: string; name: string; secret: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const base = useId();
  const ids = { name: `${base}-name`, url: `${base}-url`, events: `${base}-events`, kind: `${base}-kind` };

  function focus(found: Errors) {
    const first = (["name", "url", "events"] as const).find((key) => found[key]);
    if (!first) return;
    const selector = first === "events" ? 'input[name="events"]' : `[name="${first}"]`;
    formRef.current?.querySelector<HTMLElement>(selector)?.focus();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      name: String(form.get("name") ?? ""),
      url: String(form.get("url") ?? ""),
      events: kind === "subscription" ? (form.getAll("events").map(String) as WebhookEvent[]) : [],
    };
    const parsed = endpoint
      ? updateWebhookEndpointSchema.safeParse({ ...values, endpointId: endpoint.id })
      : createWebhookEndpointSchema.safeParse({ ...values, kind });
    if (!parsed.success) {
      const found = zodFieldErrors(parsed.error.issues);
      setErrors(found);
      setMessage(null);
      focus(found);
      return;
    }
    if (endpoint && kind === "subscription" && values.events.length === 0) {
      setErrors({ events: "Pick at least one event." });
      focus({ events: "x" });
      return;
    }
    setErrors({});
    setMessage(null);
    setSaved(false);
    startTransition(async () => {
      const result = endpoint
        ? await updateWebhookEndpointAction({ ...values, endpointId: endpoint.id })
        : await createWebhookEndpointAction({ ...values, kind });
      if (!result.ok) {
        const found = firstFieldErrors(result.fieldErrors);
        setErrors(found);
        setMessage(result.message);
        focus(found);
        return;
      }
      if (endpoint) {
        setSaved(true);
        router.refresh();
        return;
      }
      formRef.current?.reset();
      setKind("subscription");
      const data = result.data as { id: string; name: string; secret: string };
      setCreated({ id: data.id, name: data.name, secret: data.secret });
    });
  }

  return (
    <div className="space-y-4 px-4 py-4">
      {created ? (
        <WebhookSecretNotice
          title={`Copy the signing secret of “${created.name}” now: it is shown only this once.`}
          secret={created.secret}
          onDone={() => setCreated(null)}
        >
          <p className="text-xs">
            <Link href={`/settings/webhooks/${created.id}`} className={linkClass} data-testid="webhook-created-link">
              Open “{created.name}”
            </Link>{" "}
            to send a test event and watch its deliveries.
          </p>
        </WebhookSecretNotice>
      ) : null}
      <form
        ref={formRef}
        onSubmit={onSubmit}
        noValidate
        className="space-y-4"
        aria-label={endpoint ? "Edit the endpoint" : "Add an endpoint"}
        data-testid="webhook-form"
      >
        {endpoint ? null : (
          <fieldset>
            <legend className="mb-1 block text-sm font-medium text-slate-700">Kind</legend>
            <div className="flex flex-wrap gap-3">
              {WEBHOOK_ENDPOINT_KINDS.map((option) => (
                <label
                  key={option}
                  className="flex max-w-sm cursor-pointer items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-indigo-400 has-[:checked]:bg-indigo-50/50"
                >
                  <input
                    type="radio"
                    name="kind"
                    value={option}
                    checked={kind === option}
                    onChange={() => setKind(option)}
                    className="mt-0.5"
                    disabled={pending}
                    data-testid={`webhook-kind-${option}`}
                  />
                  <span>
                    <span className="font-medium text-slate-900">{WEBHOOK_KIND_LABELS[option]}</span>
                    <span className="block text-xs text-slate-500">{KIND_HINTS[option]}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="grid items-start gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
          <SettingsField
            id={ids.name}
            label="Name"
            error={errors.name}
            hint={
              kind === "handoff" ? "Escalate nodes name the contact centre by this." : "For you, e.g. “Data warehouse”."
            }
          >
            <input
              id={ids.name}
              name="name"
              defaultValue={endpoint?.name}
              autoComplete="off"
              className={inputClass}
              disabled={pending}
              {...fieldAria(ids.name, errors.name, true)}
              data-testid="webhook-name"
            />
          </SettingsField>
          <SettingsField
            id={ids.url}
            label="URL"
            error={errors.url}
            hint="Receives a signed POST per event. Public http(s) addresses only."
          >
            <input
              id={ids.url}
              name="url"
              type="url"
              inputMode="url"
              defaultValue={endpoint?.url}
              placeholder="https://example.com/hooks/switchboard"
              autoComplete="off"
              spellCheck={false}
              className={`${inputClass} font-mono`}
              disabled={pending}
              {...fieldAria(ids.url, errors.url, true)}
              data-testid="webhook-url"
            />
          </SettingsField>
        </div>
        {kind === "subscription" ? (
          <fieldset aria-describedby={errors.events ? `${ids.events}-error` : undefined} aria-invalid={!!errors.events}>
            <legend className="mb-1 block text-sm font-medium text-slate-700">Events</legend>
            <div className="grid gap-1.5 sm:grid-cols-2">
              {WEBHOOK_EVENTS.map((name) => (
                <label
                  key={name}
                  className="flex cursor-pointer items-start gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50"
                >
                  <input
                    type="checkbox"
                    name="events"
                    value={name}
                    defaultChecked={endpoint ? endpoint.events.includes(name) : false}
                    className="mt-0.5"
                    disabled={pending}
                    data-testid={`webhook-event-${name}`}
                  />
                  <span>
                    <code className="font-mono text-xs text-slate-900">{name}</code>
                    <span className="block text-xs text-slate-500">{WEBHOOK_EVENT_DESCRIPTIONS[name]}</span>
                  </span>
                </label>
              ))}
            </div>
            {errors.events ? (
              <p id={`${ids.events}-error`} className="mt-1 text-xs text-rose-700" data-testid="field-error">
                {errors.events}
              </p>
            ) : null}
          </fieldset>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClass("primary")} disabled={pending} data-testid="webhook-save">
            {endpoint ? null : <Plus aria-hidden className="size-4" />}
            {pending ? "Saving…" : endpoint ? "Save changes" : "Add endpoint"}
          </button>
          {message ? (
            <p role="alert" className="text-sm text-rose-700" data-testid="webhook-form-error">
              {message}
            </p>
          ) : null}
          {saved ? (
            <p role="status" className="text-sm text-emerald-700">
              Saved.
            </p>
          ) : null}
        </div>
      </form>
    </div>
  );
}
