"use client";
// What an admin does to an endpoint: send a test event, enable/disable, rotate the secret (the new one is shown
// once), delete (after a confirmation).
import { useRouter } from "next/navigation";
import { Power, RefreshCw, Send, Trash2 } from "lucide-react";
import { useState, useTransition } from "react";
import {
  deleteWebhookEndpointAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  setWebhookEndpointActiveAction,
} from "@/lib/features/settings/webhooks/actions";
import { buttonClass } from "@/components/ui/button";
import { WebhookSecretNotice } from "./webhook-secret-notice";

export function WebhookEndpointControls({ endpoint }: { endpoint: { id: string; name: string; active: boolean } }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"rotate" | "delete" | null>(null);

  function run<T>(
    action: () => Promise<{ ok: true; data: T } | { ok: false; message: string }>,
    after: (data: T) => void,
  ) {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await action();
      setConfirm(null);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      after(result.data);
    });
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={buttonClass("secondary", "sm")}
          disabled={pending || !endpoint.active}
          title={endpoint.active ? undefined : "Enable the endpoint to send a test event"}
          onClick={() =>
            run(
              () => sendTestWebhookAction({ endpointId: endpoint.id }),
              () => {
                setNotice("Test event queued: it shows in the delivery log below in a moment.");
                router.refresh();
              },
            )
          }
          data-testid="webhook-send-test"
        >
          <Send aria-hidden className="size-3.5" />
          Send test event
        </button>
        <button
          type="button"
          className={buttonClass("secondary", "sm")}
          disabled={pending}
          aria-pressed={endpoint.active}
          onClick={() =>
            run(
              () => setWebhookEndpointActiveAction({ endpointId: endpoint.id, active: !endpoint.active }),
              (data) => {
                setNotice(
                  data.active
                    ? "Enabled: new events are delivered again."
                    : "Disabled: no events are delivered, queued ones are not sent.",
                );
                router.refresh();
              },
            )
          }
          data-testid="webhook-toggle-active"
        >
          <Power aria-hidden className="size-3.5" />
          {endpoint.active ? "Disable" : "Enable"}
        </button>
        {confirm === "rotate" ? (
          <span
            className="inline-flex items-center gap-1.5 rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900"
            role="group"
            aria-label="Confirm rotating the secret"
          >
            The old secret stops working at once.
            <button
              type="button"
              className={buttonClass("primary", "sm")}
              disabled={pending}
              onClick={() =>
                run(
                  () => rotateWebhookSecretAction({ endpointId: endpoint.id }),
                  (data) => {
                    setSecret(data.secret);
                    router.refresh();
                  },
                )
              }
              data-testid="webhook-rotate-confirm"
              autoFocus
            >
              Rotate
            </button>
            <button type="button" className={buttonClass("ghost", "sm")} onClick={() => setConfirm(null)}>
              Cancel
            </button>
          </span>
        ) : (
          <button
            type="button"
            className={buttonClass("secondary", "sm")}
            disabled={pending}
            onClick={() => setConfirm("rotate")}
            data-testid="webhook-rotate"
          >
            <RefreshCw aria-hidden className="size-3.5" />
            Rotate secret
          </button>
        )}
        {confirm === "delete" ? (
          <span
            className="inline-flex items-center gap-1.5 rounded-md bg-rose-50 px-2 py-1 text-xs text-rose-800"
            role="group"
            aria-label="Confirm deleting the endpoint"
          >
            Delete “{endpoint.name}” and its delivery log?
            <button
              type="button"
              className={buttonClass("danger", "sm")}
              disabled={pending}
              onClick={() =>
                run(
                  () => deleteWebhookEndpointAction({ endpointId: endpoint.id }),
                  () => router.push("/settings/webhooks"),
                )
              }
              data-testid="webhook-delete-confirm"
              autoFocus
            >
              Delete
            </button>
            <button type="button" className={buttonClass("ghost", "sm")} onClick={() => setConfirm(null)}>
              Cancel
            </button>
          </span>
        ) : (
          <button
            type="button"
            className={buttonClass("dangerGhost", "sm")}
            disabled={pending}
            onClick={() => setConfirm("delete")}
            data-testid="webhook-delete"
          >
            <Trash2 aria-hidden className="size-3.5" />
            Delete
          </button>
        )}
      </div>
      {secret ? (
        <WebhookSecretNotice
          title="Copy the new signing secret now: it is shown only this once. The old one no longer verifies."
          secret={secret}
          onDone={() => setSecret(null)}
        />
      ) : null}
      {notice ? (
        <p role="status" className="text-sm text-emerald-700" data-testid="webhook-notice">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-rose-700" data-testid="webhook-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
