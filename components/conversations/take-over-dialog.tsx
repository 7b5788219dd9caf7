"use client";
// Take over (Live, the conversation page), confirmed in an in-app dialog (not the browser's confirm()): on confirm the flow stops answering, the
// engine opens an escalation this operator owns, and the browser goes to it, where the operator replies.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { takeOverAction } from "@/lib/features/inbox/actions";
import { DialogFrame } from "@/components/ui/dialog-frame";
import { buttonClass } from "@/components/ui/button";

/** What the dialog says about the conversation: Live passes its row, the conversation page its trace. */
export type TakeOverTarget = { id: string; flowName: string; channel: string; lastCustomerText?: string | null };

export function TakeOverDialog({ row, onClose }: { row: TakeOverTarget | null; onClose: () => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    if (pending) return;
    setError(null);
    onClose();
  };
  const confirm = () =>
    startTransition(async () => {
      if (!row) return;
      setError(null);
      const result = await takeOverAction({ conversationId: row.id });
      if (!result.ok) setError(`Could not take over: ${result.message}`);
      else router.push(result.data.href);
    });
  return (
    <DialogFrame
      open={row !== null}
      onClose={close}
      title="Take over this conversation?"
      labelledBy="take-over-title"
      testId="take-over-dialog"
    >
      {row ? (
        <div className="space-y-4 text-sm text-slate-700">
          <p>
            The {row.flowName} flow stops answering this {row.channel} conversation and it becomes an escalation you
            own. You will land in it to reply.
          </p>
          {row.lastCustomerText ? (
            <blockquote className="rounded-md border-l-4 border-slate-300 bg-slate-50 px-3 py-2 text-slate-700">
              {row.lastCustomerText.slice(0, 300)}
            </blockquote>
          ) : null}
          {error ? (
            <p role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-rose-800">
              {error}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className={buttonClass("secondary", "md")} onClick={close} disabled={pending}>
              Cancel
            </button>
            <button
              type="button"
              className={buttonClass("primary", "md")}
              onClick={confirm}
              disabled={pending}
              data-testid="confirm-take-over"
            >
              {pending ? "Taking over…" : "Take over and open"}
            </button>
          </div>
        </div>
      ) : null}
    </DialogFrame>
  );
}
