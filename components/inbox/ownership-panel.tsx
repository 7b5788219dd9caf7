"use client";
// Who owns an escalation, and Claim / Release / Assign. One owner at a time is the server's rule (conditional
// updates in lib/runtime/engine/commands/operator-commands.ts); a refusal (someone was faster) is shown inline.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { assignEscalationAction, claimEscalationAction, releaseEscalationAction } from "@/lib/features/inbox/actions";
import { buttonClass, selectClass } from "@/components/ui/button";
import type { HandoffView } from "@/lib/features/conversations/handoff-view";
import { HandoffBadge } from "./handoff-badge";
import { RecallHandoff } from "./recall-handoff";
import { useShortcuts } from "./use-shortcuts";

type Props = {
  escalationId: string;
  status: "open" | "claimed" | "resolved";
  owner: { id: string; name: string } | null;
  viewer: { userId: string; isAdmin: boolean; canHandle: boolean };
  handlers: { id: string; name: string; role: string }[];
  /** An external contact centre handles it: shown instead of the owner, and nothing to claim or assign. */
  handoff?: HandoffView | null;
};

export function OwnershipPanel({ escalationId, status, owner, viewer, handlers, handoff }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"claim" | "release" | "assign" | null>(null);
  const [assignee, setAssignee] = useState("");
  const [, startTransition] = useTransition();
  const ids = { assign: useId() };

  const mine = owner?.id === viewer.userId;
  const active = status !== "resolved" && viewer.canHandle && !handoff;
  const canClaim = active && status === "open";
  const canRelease = active && status === "claimed" && (mine || viewer.isAdmin);
  const canAssign = active && (!owner || mine || viewer.isAdmin);

  const run = (kind: "claim" | "release" | "assign", call: () => Promise<{ ok: boolean; message?: string }>) => {
    setError(null);
    setBusy(kind);
    startTransition(async () => {
      const result = await call();
      setBusy(null);
      if (!result.ok) setError(result.message ?? "That did not work.");
      router.refresh();
    });
  };
  const claim = () => run("claim", () => claimEscalationAction({ escalationId }));

  useShortcuts({ c: (e) => (canClaim ? (e.preventDefault(), claim()) : undefined) });

  if (handoff) {
    return (
      <div className="space-y-2" data-testid="ownership">
        <HandoffBadge handoff={handoff} />
        <p className="text-xs text-slate-500">
          {status === "resolved"
            ? "Resolved by the contact centre."
            : "An external contact centre handles this escalation; its replies appear in the transcript."}
        </p>
        {status !== "resolved" && viewer.isAdmin ? (
          <RecallHandoff escalationId={escalationId} endpoint={handoff.endpoint} />
        ) : null}
      </div>
    );
  }

  return (
    <div className="space-y-3" data-testid="ownership">
      <p className="text-sm text-slate-700">
        {status === "resolved" ? "Resolved" : owner ? "Owned by " : "Nobody owns it yet."}
        {status !== "resolved" && owner ? (
          <span className="font-medium text-slate-900" data-testid="owner-name">
            {mine ? "you" : owner.name}
          </span>
        ) : null}
      </p>
      {active ? (
        <div className="flex flex-wrap gap-2">
          {canClaim ? (
            <button
              type="button"
              className={buttonClass("primary", "sm")}
              onClick={claim}
              disabled={busy !== null}
              data-testid="claim"
            >
              {busy === "claim" ? "Claiming…" : "Claim"}
              <kbd className="ml-1 rounded border border-white/40 px-1 font-mono text-[10px]">c</kbd>
            </button>
          ) : null}
          {canRelease ? (
            <button
              type="button"
              className={buttonClass("secondary", "sm")}
              onClick={() => run("release", () => releaseEscalationAction({ escalationId }))}
              disabled={busy !== null}
              data-testid="release"
            >
              {busy === "release" ? "Releasing…" : "Release"}
            </button>
          ) : null}
        </div>
      ) : null}
      {canAssign && handlers.length ? (
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (assignee) run("assign", () => assignEscalationAction({ escalationId, assigneeId: assignee }));
          }}
        >
          <label htmlFor={ids.assign} className="flex flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
            Assign to
            <select
              id={ids.assign}
              className={`${selectClass} w-full`}
              value={assignee}
              onChange={(e) => setAssignee(e.target.value)}
              data-testid="assign-select"
            >
              <option value="">Choose a member…</option>
              {handlers.map((h) => (
                <option key={h.id} value={h.id} disabled={h.id === owner?.id}>
                  {h.name} ({h.role}){h.id === viewer.userId ? " – you" : ""}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            className={buttonClass("secondary", "sm")}
            disabled={!assignee || busy !== null}
            data-testid="assign"
          >
            {busy === "assign" ? "Assigning…" : "Assign"}
          </button>
        </form>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm font-medium text-rose-700" data-testid="ownership-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
