"use client";
// Ending a person's part: resolve (with an optional note the customer receives as the last message), or hand the
// conversation back to the flow at a chosen node. Both go through the engine; the page catches up on refresh.
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { handBackAction, resolveConversationAction } from "@/lib/features/inbox/actions";
import { buttonClass, inputClass, selectClass } from "@/components/ui/button";
import type { HandBackTarget } from "@/lib/features/inbox/hand-back-targets";
import { useShortcuts } from "./use-shortcuts";

export function ClosePanel({
  conversationId,
  targets,
  defaultTargetId,
  blocked,
  unanswered,
}: {
  conversationId: string;
  targets: HandBackTarget[];
  /** Preselected: the node the conversation was escalated from, when a person can resume there. */
  defaultTargetId: string | null;
  blocked: string | null;
  /** The customer's last message when nobody has answered it yet: resolving then asks for a second click. */
  unanswered: string | null;
}) {
  const router = useRouter();
  const [note, setNote] = useState("");
  const [nodeId, setNodeId] = useState(defaultTargetId ?? targets[0]?.id ?? "");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<"resolve" | "hand_back" | null>(null);
  const [warned, setWarned] = useState(false);
  const [, startTransition] = useTransition();
  const ids = { note: useId(), node: useId() };
  const noteRef = useRef<HTMLTextAreaElement>(null);
  useShortcuts({ e: (event) => (event.preventDefault(), noteRef.current?.focus()) });
  const disabled = !!blocked || busy !== null || done !== null;

  const run = (
    kind: "resolve" | "hand_back",
    call: () => Promise<{ ok: boolean; message?: string }>,
    doneText: string,
  ) => {
    setError(null);
    setBusy(kind);
    startTransition(async () => {
      const result = await call();
      setBusy(null);
      if (!result.ok) {
        setError(result.message ?? "That did not work.");
        return;
      }
      setDone(doneText);
      router.refresh();
    });
  };

  return (
    <div className="space-y-4">
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          // The customer would see "ended" after a question nobody answered: say so once, and let a note answer it.
          if (unanswered && !note.trim() && !warned) {
            setWarned(true);
            return;
          }
          run(
            "resolve",
            () => resolveConversationAction({ conversationId, note }),
            "Resolved. The conversation closes in a moment.",
          );
        }}
      >
        <label htmlFor={ids.note} className="block text-sm font-medium text-slate-900">
          Resolve{" "}
          <span className="font-normal text-slate-500">
            (the note, if any, is sent to the customer as the last message)
          </span>
        </label>
        <textarea
          ref={noteRef}
          id={ids.note}
          rows={2}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          disabled={disabled}
          className={inputClass}
          data-testid="resolve-note"
        />
        {warned && unanswered && !note.trim() ? (
          <p role="alert" className="text-sm text-amber-800" data-testid="resolve-unanswered">
            The customer&apos;s last message has no reply yet: “
            {unanswered.length > 140 ? `${unanswered.slice(0, 139)}…` : unanswered}”. Answer it in the note, or resolve
            anyway.
          </p>
        ) : null}
        <button type="submit" className={buttonClass("primary")} disabled={disabled} data-testid="resolve">
          {busy === "resolve" ? "Resolving…" : warned && unanswered && !note.trim() ? "Resolve anyway" : "Resolve"}
        </button>
      </form>
      <form
        className="space-y-2 border-t border-slate-100 pt-4"
        onSubmit={(e) => {
          e.preventDefault();
          const target = targets.find((t) => t.id === nodeId);
          if (target)
            run("hand_back", () => handBackAction({ conversationId, nodeId }), `Handed back to ${target.label}.`);
        }}
      >
        <label htmlFor={ids.node} className="block text-sm font-medium text-slate-900">
          Hand back to the flow at
        </label>
        {targets.length ? (
          <div className="flex gap-2">
            <select
              id={ids.node}
              className={`${selectClass} min-w-0 flex-1`}
              value={nodeId}
              onChange={(e) => setNodeId(e.target.value)}
              disabled={disabled}
              data-testid="hand-back-node"
            >
              {targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
            <button type="submit" className={buttonClass("secondary")} disabled={disabled} data-testid="hand-back">
              {busy === "hand_back" ? "Handing back…" : "Hand back"}
            </button>
          </div>
        ) : (
          <p className="text-sm text-slate-500">This flow version has no agent, router or response to resume at.</p>
        )}
        <p className="text-xs text-slate-500">
          The flow continues from that node with the customer&apos;s last message.
        </p>
      </form>
      {blocked ? <p className="text-sm text-slate-500">{blocked}</p> : null}
      {error ? (
        <p role="alert" className="text-sm font-medium text-rose-700" data-testid="close-error">
          {error}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-slate-600" data-testid="close-done">
          {done}
        </p>
      ) : null}
    </div>
  );
}
