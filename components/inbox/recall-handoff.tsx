"use client";
// Admins can take an escalation back from the contact centre into the inbox, with a reason the contact centre is
// sent. Two steps, so a stray click does not pull a case out from under an external agent.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { recallHandoffAction } from "@/lib/features/inbox/actions";
import { buttonClass, inputClass } from "@/components/ui/button";

export function RecallHandoff({ escalationId, endpoint }: { escalationId: string; endpoint: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const reasonId = useId();

  if (!open) {
    return (
      <button
        type="button"
        className={buttonClass("secondary", "sm")}
        onClick={() => setOpen(true)}
        data-testid="recall-handoff"
      >
        Bring back to the inbox
      </button>
    );
  }
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        startTransition(async () => {
          const result = await recallHandoffAction({ escalationId, reason });
          if (!result.ok) return setError(result.message ?? "That did not work.");
          setOpen(false);
          router.refresh();
        });
      }}
    >
      <label htmlFor={reasonId} className="block text-xs font-medium text-slate-600">
        Why? {endpoint} is sent this and told to stop.
      </label>
      <input
        id={reasonId}
        className={`${inputClass} w-full`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={500}
        autoFocus
        required
        data-testid="recall-reason"
      />
      <div className="flex gap-2">
        <button
          type="submit"
          className={buttonClass("primary", "sm")}
          disabled={pending || reason.trim().length < 3}
          data-testid="recall-confirm"
        >
          {pending ? "Bringing back…" : "Bring back"}
        </button>
        <button type="button" className={buttonClass("ghost", "sm")} onClick={() => setOpen(false)} disabled={pending}>
          Cancel
        </button>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-rose-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
