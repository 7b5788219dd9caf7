"use client";
// One tool call the engine holds for a person: what it would do, why it waits, whose decision it is, and Approve /
// Reject. Rejecting asks for a reason first (a refused tool call tells the customer that reason). The server
// (decideApprovalAction → decideApproval) enforces the role and "decide once"; its refusal is shown inline.
import { Check, ShieldAlert, X } from "lucide-react";
import Link from "next/link";
import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { decideApprovalAction } from "@/lib/features/inbox/actions";
import { Badge } from "@/components/ui/badge";
import { buttonClass, inputClass, linkClass } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import type { Role } from "@/lib/model/permissions";
import type { ApprovalRow } from "@/lib/features/inbox/list-approvals";
import { WaitingTime } from "./waiting-time";
import { approverText, canDecideApproval, formatValue, toolLabel, withArticle } from "./approval-format";

const NOTE_MAX = 1000;

type Mode = "idle" | "rejecting";

export function ApprovalCard({ approval, viewerRole }: { approval: ApprovalRow; viewerRole: Role }) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("idle");
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<"approved" | "rejected" | null>(null);
  const [pending, startTransition] = useTransition();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const rejectRef = useRef<HTMLButtonElement>(null);
  const ids = { title: useId(), note: useId(), reason: useId(), why: useId(), error: useId() };

  const allowed = canDecideApproval(viewerRole, approval.approverRole);
  const busy = pending || done !== null;
  const label = toolLabel(approval.tool);
  const amount = approval.amount === null ? null : formatValue(approval.amount, approval.field, approval.currency);
  const threshold = formatValue(approval.threshold, approval.field, approval.currency, { round: true });
  const { conversation } = approval;

  const decide = (approved: boolean, text: string) => {
    setError(null);
    startTransition(async () => {
      const result = await decideApprovalAction({ approvalId: approval.id, approved, note: text.trim() });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setDone(approved ? "approved" : "rejected");
      router.refresh();
    });
  };

  const submitReject = (event: React.FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setReasonError("Say why, in a few words.");
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    decide(false, reason);
  };

  const cancelReject = () => {
    setMode("idle");
    setReasonError(null);
    // Back to the button that opened the form, so keyboard users keep their place.
    requestAnimationFrame(() => rejectRef.current?.focus());
  };

  return (
    <article
      aria-labelledby={ids.title}
      data-testid="approval-card"
      data-id={approval.id}
      data-tool={approval.tool}
      className="rounded-lg border border-amber-200 bg-white shadow-xs"
    >
      <div className="flex flex-wrap items-start justify-between gap-3 px-4 pt-3">
        <div className="min-w-0">
          <h3 id={ids.title} className="text-sm font-semibold text-slate-900">
            {label}
            {amount ? (
              <>
                {" "}
                of <span className="tabular-nums">{amount}</span>
              </>
            ) : null}
            {approval.input.orderNumber ? (
              <span className="font-normal text-slate-600"> · order {approval.input.orderNumber}</span>
            ) : null}
          </h3>
          <p className="mt-0.5 text-xs text-slate-600">
            Above the {threshold} {approval.field === "amount" ? "" : `${approval.field} `}threshold · decided by{" "}
            {approverText(approval.approverRole)}
          </p>
        </div>
        <div className="flex items-center gap-2 text-xs text-slate-500">
          <Badge tone="amber" dot>
            waiting
          </Badge>
          <WaitingTime since={approval.createdAt.toISOString()} />
        </div>
      </div>

      <dl className="grid gap-x-6 gap-y-1.5 px-4 py-3 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-500">Conversation</dt>
        <dd className="min-w-0">
          <Link href={`/conversations/${conversation.id}`} className={linkClass}>
            {conversation.flowName}
            <span className="sr-only"> conversation {conversation.id}</span>
          </Link>
          <span className="text-slate-500">
            {" "}
            · {conversation.channel}
            {conversation.customerRef ? ` · customer ${conversation.customerRef}` : ""}
          </span>
          <span className="ml-1.5 font-mono text-xs text-slate-500">{conversation.id.slice(-8)}</span>
        </dd>
        <dt className="text-slate-500">Customer said</dt>
        <dd className="min-w-0 text-slate-700">
          {approval.lastCustomerMessage ? (
            <>
              <q>{approval.lastCustomerMessage.text}</q>{" "}
              <span className="text-xs text-slate-500">
                <Time value={approval.lastCustomerMessage.createdAt} mode="relative" />
              </span>
            </>
          ) : (
            <span className="text-slate-500">nothing yet</span>
          )}
        </dd>
        <dt className="text-slate-500">Why it waits</dt>
        <dd className="min-w-0 text-slate-700">{approval.reason}</dd>
      </dl>

      <div className="border-t border-slate-100 px-4 py-3">
        {mode === "idle" ? (
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-48 flex-1">
              <label htmlFor={ids.note} className="mb-1 block text-xs font-medium text-slate-600">
                Note <span className="font-normal text-slate-500">(optional, kept with the decision)</span>
              </label>
              <input
                id={ids.note}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                maxLength={NOTE_MAX}
                disabled={!allowed || busy}
                className={inputClass}
                data-testid="approval-note"
              />
            </div>
            <button
              type="button"
              className={buttonClass("primary")}
              disabled={!allowed || busy}
              aria-describedby={allowed ? undefined : ids.why}
              onClick={() => decide(true, note)}
              data-testid="approve"
            >
              <Check aria-hidden className="size-4" />
              {pending && mode === "idle" ? "Approving…" : "Approve"}
            </button>
            <button
              ref={rejectRef}
              type="button"
              className={buttonClass("secondary")}
              disabled={!allowed || busy}
              aria-describedby={allowed ? undefined : ids.why}
              onClick={() => {
                setMode("rejecting");
                setReason(note);
                setError(null);
                requestAnimationFrame(() => reasonRef.current?.focus());
              }}
              data-testid="reject"
            >
              <X aria-hidden className="size-4" />
              Reject…
            </button>
          </div>
        ) : (
          <form onSubmit={submitReject} noValidate className="space-y-2" data-testid="reject-form">
            <div>
              <label htmlFor={ids.reason} className="mb-1 block text-xs font-medium text-slate-600">
                Why reject?{" "}
                <span className="font-normal text-slate-500">(required; the customer may be told this reason)</span>
              </label>
              <textarea
                ref={reasonRef}
                id={ids.reason}
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={NOTE_MAX}
                disabled={busy}
                placeholder="e.g. Order was already refunded in store"
                className={inputClass}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? `${ids.reason}-error` : undefined}
                data-testid="reject-reason"
              />
              {reasonError ? (
                <p id={`${ids.reason}-error`} className="mt-1 text-xs text-rose-700">
                  {reasonError}
                </p>
              ) : null}
            </div>
            <div className="flex justify-end gap-2">
              <button type="button" className={buttonClass("ghost")} onClick={cancelReject} disabled={busy}>
                Cancel
              </button>
              <button type="submit" className={buttonClass("danger")} disabled={busy} data-testid="reject-confirm">
                {pending ? "Rejecting…" : "Reject"}
              </button>
            </div>
          </form>
        )}

        {!allowed ? (
          <p id={ids.why} className="mt-2 flex items-center gap-1.5 text-xs text-slate-500">
            <ShieldAlert aria-hidden className="size-3.5" />
            Only {approverText(approval.approverRole)} can decide this; you are {withArticle(viewerRole)}.
          </p>
        ) : null}
        {error ? (
          <p
            id={ids.error}
            role="alert"
            className="mt-2 text-sm font-medium text-rose-700"
            data-testid="approval-error"
          >
            {error}
          </p>
        ) : null}
        {done ? (
          <p role="status" className="mt-2 text-sm text-slate-600">
            {done === "approved" ? "Approved" : "Rejected"}; the conversation picks up from here.
          </p>
        ) : null}
      </div>
    </article>
  );
}
