"use client";
// The Inbox's Approvals tab: one compact row per held tool call showing the request itself (tool, amount, order, why
// it waits, how long), checkboxes with "select all", and one bar to approve or reject the selection with a reason
// (required for a bulk decision; the customer may be told a rejection's reason). The server decides all or nothing
// (bulkDecideApprovalsAction); a single row's Approve goes through the single-decision action.
import { useMutation } from "@tanstack/react-query";
import { Check, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { bulkDecideApprovalsAction, decideApprovalAction } from "@/lib/features/inbox/actions";
import { buttonClass, inputClass, linkClass } from "@/components/ui/button";
import type { Role } from "@/lib/model/permissions";
import type { ApprovalRow } from "@/lib/features/inbox/list-approvals";
import { approverText, canDecideApproval, formatValue, toolLabel } from "./approval-format";
import { WaitingTime } from "./waiting-time";

const NOTE_MAX = 1000;

type Decision = { ids: string[]; approved: boolean; note: string };

export function ApprovalsPanel({ pending, viewerRole }: { pending: ApprovalRow[]; viewerRole: Role }) {
  const router = useRouter();
  const decidable = pending.filter((a) => canDecideApproval(viewerRole, a.approverRole));
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const ids = { reason: useId(), all: useId() };

  const decide = useMutation({
    mutationFn: async ({ ids: approvalIds, approved, note }: Decision) => {
      const result =
        approvalIds.length === 1 && !note
          ? await decideApprovalAction({ approvalId: approvalIds[0], approved, note })
          : await bulkDecideApprovalsAction({ approvalIds, approved, note });
      if (!result.ok) throw new Error(result.fieldErrors?.note?.[0] ?? result.message);
      return approvalIds.length;
    },
    onMutate: () => {
      setError(null);
      setStatus(null);
    },
    onError: (failure) => setError(failure.message),
    onSuccess: (count, { approved }) => {
      setSelected(new Set());
      setReason("");
      setStatus(
        `${approved ? "Approved" : "Rejected"} ${count} request${count === 1 ? "" : "s"}; the conversations pick up from here.`,
      );
      router.refresh();
    },
  });

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const allSelected = decidable.length > 0 && decidable.every((a) => selected.has(a.id));
  const bulk = (approved: boolean) => {
    if (selected.size === 0) {
      setError("Select at least one request.");
      return;
    }
    if (reason.trim().length < 3) {
      setError("Give a reason for the whole selection, in a few words.");
      reasonRef.current?.focus();
      return;
    }
    decide.mutate({ ids: [...selected], approved, note: reason.trim() });
  };

  if (pending.length === 0) {
    return (
      <p
        className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600"
        data-testid="approvals-empty"
      >
        No tool calls are waiting for approval.
      </p>
    );
  }

  return (
    <div className="space-y-3" data-testid="approvals-panel">
      <div className="rounded-lg border border-slate-200 bg-white p-3" data-testid="bulk-bar">
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-56 flex-1">
            <label htmlFor={ids.reason} className="mb-1 block text-xs font-medium text-slate-600">
              Reason for the selected requests{" "}
              <span className="font-normal text-slate-500">
                (required; kept with each decision, a rejection may be told to the customer)
              </span>
            </label>
            <textarea
              ref={reasonRef}
              id={ids.reason}
              rows={1}
              value={reason}
              maxLength={NOTE_MAX}
              onChange={(e) => setReason(e.target.value)}
              className={inputClass}
              data-testid="bulk-reason"
            />
          </div>
          <button
            type="button"
            className={buttonClass("primary")}
            disabled={decide.isPending || selected.size === 0}
            onClick={() => bulk(true)}
            data-testid="bulk-approve"
          >
            <Check aria-hidden className="size-4" />
            Approve selected ({selected.size})
          </button>
          <button
            type="button"
            className={buttonClass("danger")}
            disabled={decide.isPending || selected.size === 0}
            onClick={() => bulk(false)}
            data-testid="bulk-reject"
          >
            <X aria-hidden className="size-4" />
            Reject selected ({selected.size})
          </button>
        </div>
        {error ? (
          <p role="alert" className="mt-2 text-sm font-medium text-rose-700" data-testid="approval-error">
            {error}
          </p>
        ) : null}
        {status ? (
          <p role="status" className="mt-2 text-sm text-slate-600" data-testid="approval-status">
            {status}
          </p>
        ) : null}
      </div>

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Tool calls waiting for a person, oldest first</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
            <tr>
              <th scope="col" className="w-8 px-3 py-2">
                <input
                  id={ids.all}
                  type="checkbox"
                  checked={allSelected}
                  disabled={decidable.length === 0}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(decidable.map((a) => a.id)))}
                  aria-label="Select all requests you can decide"
                  data-testid="approvals-select-all"
                />
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Request
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Why it waits
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Conversation
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Waiting
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {pending.map((a) => {
              const allowed = canDecideApproval(viewerRole, a.approverRole);
              const request = `${toolLabel(a.tool)}${a.amount !== null ? ` of ${formatValue(a.amount, a.field, a.currency)}` : ""}`;
              return (
                <tr key={a.id} data-testid="approval-row" data-id={a.id} data-tool={a.tool} className="align-top">
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      checked={selected.has(a.id)}
                      disabled={!allowed}
                      onChange={() => toggle(a.id)}
                      aria-label={`Select ${request}${a.input.orderNumber ? ` for order ${a.input.orderNumber}` : ""}`}
                      data-testid="approval-select"
                    />
                  </td>
                  <td className="px-3 py-2">
                    <div className="font-medium text-slate-900">
                      {toolLabel(a.tool)}
                      {a.amount !== null ? (
                        <span className="tabular-nums"> {formatValue(a.amount, a.field, a.currency)}</span>
                      ) : null}
                    </div>
                    <div className="text-xs text-slate-500">
                      {a.input.orderNumber ? `order ${a.input.orderNumber} · ` : ""}above{" "}
                      {formatValue(a.threshold, a.field, a.currency, { round: true })} · {approverText(a.approverRole)}
                    </div>
                  </td>
                  <td className="max-w-xs px-3 py-2 text-slate-700">{a.reason}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    <Link href={`/conversations/${a.conversation.id}`} className={linkClass}>
                      {a.conversation.flowName}
                      <span className="sr-only"> conversation {a.conversation.id}</span>
                    </Link>
                    <div className="text-xs text-slate-500">
                      {a.conversation.customerRef ? `customer ${a.conversation.customerRef}` : a.conversation.channel}
                    </div>
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-600">
                    <WaitingTime since={a.createdAt.toISOString()} />
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right">
                    {allowed ? (
                      <span className="inline-flex gap-1">
                        <button
                          type="button"
                          className={buttonClass("secondary", "sm")}
                          disabled={decide.isPending}
                          onClick={() => decide.mutate({ ids: [a.id], approved: true, note: "" })}
                          data-testid="approve"
                        >
                          Approve<span className="sr-only"> {request}</span>
                        </button>
                        <button
                          type="button"
                          className={buttonClass("ghost", "sm")}
                          disabled={decide.isPending}
                          onClick={() => {
                            // A rejection needs a reason: select just this row and ask for it in the bar.
                            setSelected(new Set([a.id]));
                            setError(null);
                            reasonRef.current?.focus();
                          }}
                          data-testid="reject"
                        >
                          Reject…<span className="sr-only"> {request}</span>
                        </button>
                      </span>
                    ) : (
                      <span className="text-xs text-slate-500">{approverText(a.approverRole)} decides</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
