"use client";
// An endpoint's deliveries, newest first: status, event, attempts, last answer, next try, time; each opens to its
// attempts (status, duration, the start of the response, the error) and the payload as sent. Any delivery can be
// replayed: a new delivery of the same payload.
import { useRouter } from "next/navigation";
import { ChevronDown, ChevronRight, RotateCcw } from "lucide-react";
import { Fragment, useState, useTransition } from "react";
import { replayWebhookDeliveryAction } from "@/lib/features/settings/webhooks/actions";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import type { DeliveryView } from "@/lib/features/settings/webhooks/prepare-delivery-log";

function AttemptList({ delivery }: { delivery: DeliveryView }) {
  if (delivery.attempts.length === 0) {
    return (
      <p className="text-xs text-slate-500">
        {delivery.state === "failed" ? delivery.lastError : "Not tried yet: the worker sends it in a moment."}
      </p>
    );
  }
  return (
    <ol className="space-y-2" aria-label="Attempts">
      {delivery.attempts.map((attempt) => (
        <li
          key={attempt.number}
          className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs"
          data-testid="webhook-attempt"
        >
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-900">Attempt {attempt.number}</span>
            <Badge tone={attempt.ok ? "green" : "red"}>{attempt.outcome}</Badge>
            <span className="text-slate-500">{attempt.durationMs} ms</span>
            <Time value={attempt.at} className="text-slate-500" />
          </div>
          {attempt.error ? <p className="mt-1 text-rose-700">{attempt.error}</p> : null}
          {attempt.body ? (
            <pre
              className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-700"
              aria-label={`Response body of attempt ${attempt.number}`}
            >
              {attempt.body}
            </pre>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function WebhookDeliveryLog({
  deliveries,
  canManage,
  endpointActive,
}: {
  deliveries: DeliveryView[];
  canManage: boolean;
  endpointActive: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  function replay(id: string) {
    setMessage(null);
    startTransition(async () => {
      const result = await replayWebhookDeliveryAction({ deliveryId: id });
      if (!result.ok) {
        setMessage({ tone: "error", text: result.message });
        return;
      }
      setMessage({ tone: "ok", text: "Replay queued: a new delivery of the same event is at the top of the log." });
      router.refresh();
    });
  }

  return (
    <div className="space-y-2">
      {message ? (
        <p
          role={message.tone === "error" ? "alert" : "status"}
          className={`px-4 pt-3 text-sm ${message.tone === "error" ? "text-rose-700" : "text-emerald-700"}`}
          data-testid="webhook-replay-message"
        >
          {message.text}
        </p>
      ) : null}
      <Table caption="Deliveries, newest first" className="rounded-none border-0 shadow-none">
        <THead>
          <Th srOnly>Details</Th>
          <Th>Status</Th>
          <Th>Event</Th>
          <Th>Attempts</Th>
          <Th>Last response</Th>
          <Th>Next attempt</Th>
          <Th>Created</Th>
          {canManage ? <Th srOnly>Actions</Th> : null}
        </THead>
        <TBody>
          {deliveries.map((delivery) => {
            const expanded = open === delivery.id;
            const panelId = `delivery-${delivery.id}`;
            return (
              <Fragment key={delivery.id}>
                <tr data-testid="webhook-delivery-row" data-event={delivery.event} data-state={delivery.state}>
                  <Td className="w-8">
                    <button
                      type="button"
                      className={buttonClass("ghost", "sm", "px-1.5")}
                      aria-expanded={expanded}
                      aria-controls={panelId}
                      onClick={() => setOpen(expanded ? null : delivery.id)}
                      data-testid="webhook-delivery-toggle"
                    >
                      {expanded ? (
                        <ChevronDown aria-hidden className="size-4" />
                      ) : (
                        <ChevronRight aria-hidden className="size-4" />
                      )}
                      <span className="sr-only">
                        {expanded ? "Hide" : "Show"} the attempts of this {delivery.event} delivery
                      </span>
                    </button>
                  </Td>
                  <Td>
                    <Badge tone={delivery.tone} dot>
                      {delivery.label}
                    </Badge>
                  </Td>
                  <Td className="font-mono text-xs">
                    {delivery.event}
                    {delivery.replayOfId ? <div className="font-sans text-slate-500">replay</div> : null}
                  </Td>
                  <Td className="whitespace-nowrap text-xs">{delivery.attemptsLabel}</Td>
                  <Td className="text-xs">
                    {delivery.lastResponse}
                    {delivery.state !== "delivered" && delivery.lastError ? (
                      <div className="max-w-64 truncate text-rose-700" title={delivery.lastError}>
                        {delivery.lastError}
                      </div>
                    ) : null}
                  </Td>
                  <Td className="whitespace-nowrap text-xs">
                    {delivery.nextAttemptAt ? (
                      <Time value={delivery.nextAttemptAt} mode="relative" />
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap text-xs">
                    <Time value={delivery.createdAt} />
                  </Td>
                  {canManage ? (
                    <Td className="text-right">
                      <button
                        type="button"
                        className={buttonClass("secondary", "sm")}
                        disabled={pending || !endpointActive}
                        title={
                          endpointActive
                            ? "Send the same payload again, as a new delivery"
                            : "Enable the endpoint to replay"
                        }
                        onClick={() => replay(delivery.id)}
                        data-testid="webhook-replay"
                      >
                        <RotateCcw aria-hidden className="size-3.5" />
                        Replay
                      </button>
                    </Td>
                  ) : null}
                </tr>
                {expanded ? (
                  <tr id={panelId} className="bg-slate-50/60">
                    <td colSpan={canManage ? 8 : 7} className="px-4 py-3">
                      <div className="grid gap-4 lg:grid-cols-2">
                        <div className="space-y-1">
                          <div className="text-xs text-slate-500">
                            Delivery <code className="font-mono">{delivery.id}</code>
                            {delivery.eventId ? (
                              <>
                                {" "}
                                · event <code className="font-mono">{delivery.eventId}</code>
                              </>
                            ) : null}
                            {delivery.deliveredAt ? (
                              <>
                                {" "}
                                · delivered <Time value={delivery.deliveredAt} />
                              </>
                            ) : null}
                          </div>
                          <AttemptList delivery={delivery} />
                        </div>
                        <div className="min-w-0">
                          <div className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Payload</div>
                          <pre className="max-h-80 overflow-auto rounded-md border border-slate-200 bg-white p-2 font-mono text-xs leading-relaxed text-slate-800">
                            {delivery.payloadJson}
                          </pre>
                        </div>
                      </div>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </TBody>
      </Table>
    </div>
  );
}
