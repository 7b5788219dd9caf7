// Test drawer: chat with the current saved draft (run as a hidden test version). After each reply the executed
// path lights up on the canvas step by step (failed steps red with their error, until the next message), and under the
// replies the turn lists every node it passed through with what each received, produced, changed and called
// (test-turn.tsx): the newest turn open, older ones a click away.
"use client";
import { clsx } from "clsx";
import { LoaderCircle, RotateCcw, Send, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { buttonClass, inputClass } from "@/components/ui/button";
import { sendDraftTestMessage, startDraftTest, type TestMessage, type TestStep } from "./draft-api";
import { useEditorStoreApi, type TraceMark } from "./store";
import { TestReply } from "./test-reply";
import { TestTurn } from "./test-turn";

const STEP_DELAY_MS = 350;

/** The chat as it reads: messages, and after each answered message the turn the flow ran for it. */
type Entry =
  | { kind: "message"; message: TestMessage }
  | { kind: "turn"; conversationId: string; turn: number; stepCount: number; failed: number };

const asEntries = (messages: TestMessage[]): Entry[] => messages.map((message) => ({ kind: "message", message }));

const isFailed = (step: TestStep) => step.status === "failed" || !!step.error;

export function TestPanel({
  flowId,
  onClose,
  ensureSaved,
}: {
  flowId: string;
  onClose: () => void;
  /** Saves pending edits; resolves to the saved revision or null when the draft could not be saved. */
  ensureSaved: () => Promise<number | null>;
}) {
  const store = useEditorStoreApi();
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  /** Turns the tester opened or closed; any other turn is open only while it is the newest. */
  const [toggled, setToggled] = useState<Record<number, boolean>>({});
  const [announcement, setAnnouncement] = useState("");
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  const listRef = useRef<HTMLOListElement>(null);
  const latestTurn = entries.findLast((entry) => entry.kind === "turn")?.turn ?? null;

  // The newest message starts the view: its replies and its turn's nodes read downwards from it, and nodes loading
  // or opening below never move what is being read.
  useEffect(() => {
    const messages = listRef.current?.querySelectorAll('[data-testid="test-message"][data-role="customer"]');
    messages?.[messages.length - 1]?.scrollIntoView({ block: "start" });
  }, [entries.length]);

  useEffect(
    () => () => {
      timers.current.forEach(clearTimeout);
      store.getState().setTrace({});
    },
    [store],
  );

  function playPath(path: TestStep[]) {
    timers.current.forEach(clearTimeout);
    timers.current = [];
    store.getState().setTrace({});
    const marks: Record<string, TraceMark> = {};
    path.forEach((step, index) => {
      timers.current.push(
        setTimeout(() => {
          marks[step.nodeId] = { order: index + 1, status: step.status, error: step.error };
          store.getState().setTrace({ ...marks });
        }, index * STEP_DELAY_MS),
      );
    });
  }

  async function start(): Promise<string | null> {
    setError(null);
    const revision = await ensureSaved();
    if (revision === null) {
      setError("Save the draft first: it could not be saved.");
      return null;
    }
    const result = await startDraftTest({ flowId, baseRevision: revision });
    if (!result.ok) {
      setError(result.message);
      return null;
    }
    setConversationId(result.data.conversationId);
    setEntries(asEntries(result.data.messages));
    setToggled({});
    store.getState().setTrace({});
    return result.data.conversationId;
  }

  async function send() {
    const message = text.trim();
    if (!message || busy) return;
    setBusy(true);
    try {
      const id = conversationId ?? (await start());
      if (!id) return;
      setText("");
      setEntries((e) => [
        ...e,
        { kind: "message", message: { id: `local-${Date.now()}`, role: "customer", author: "You", text: message } },
      ]);
      const result = await sendDraftTestMessage({ flowId, conversationId: id, text: message });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setError(result.data.failureReason ? `The turn failed: ${result.data.failureReason}` : null);
      setStatus(result.data.status);
      const { replies, steps, turn } = result.data;
      setEntries((e) => [
        ...e,
        ...asEntries(replies),
        ...(turn > 0
          ? [
              {
                kind: "turn" as const,
                conversationId: id,
                turn,
                stepCount: steps.length,
                failed: steps.filter(isFailed).length,
              },
            ]
          : []),
      ]);
      setAnnouncement(replies.map((r) => `${r.author ?? "Reply"}: ${r.text}`).join(" "));
      playPath(steps);
    } finally {
      setBusy(false);
    }
  }

  async function restart() {
    setBusy(true);
    try {
      setConversationId(null);
      setEntries([]);
      await start();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section
      aria-labelledby="test-panel-heading"
      data-testid="test-panel"
      className="flex h-full w-96 flex-col border-l border-slate-200 bg-white shadow-xl xl:w-[30rem]"
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-2">
        <h2 id="test-panel-heading" className="text-sm font-semibold text-slate-900">
          Test the draft
        </h2>
        {status ? (
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-[11px] text-slate-600">{status}</span>
        ) : null}
        <button
          type="button"
          onClick={restart}
          disabled={busy}
          className={buttonClass("ghost", "sm", "ml-auto")}
          aria-label="Start a new test conversation"
        >
          <RotateCcw aria-hidden className="size-3.5" />
        </button>
        <button
          type="button"
          onClick={onClose}
          className={buttonClass("ghost", "sm")}
          aria-label="Close the test panel"
        >
          <X aria-hidden className="size-4" />
        </button>
      </div>
      <p className="border-b border-slate-100 px-3 py-1.5 text-[11px] text-slate-500">
        Runs the saved draft as a hidden test version; customers never see it. Pending edits are saved first.
      </p>
      <ol ref={listRef} className="min-h-0 flex-1 space-y-2 overflow-y-auto p-3" aria-label="Test conversation">
        {entries.length === 0 ? <li className="text-xs text-slate-600">Send a message as a customer would.</li> : null}
        {entries.map((entry) =>
          entry.kind === "message" ? (
            <TestReply key={entry.message.id} message={entry.message} />
          ) : (
            <TestTurn
              key={`${entry.conversationId}:${entry.turn}`}
              flowId={flowId}
              conversationId={entry.conversationId}
              turn={entry.turn}
              stepCount={entry.stepCount}
              failed={entry.failed}
              current={entry.turn === latestTurn}
              open={toggled[entry.turn] ?? entry.turn === latestTurn}
              onOpenChange={(open) => setToggled((t) => ({ ...t, [entry.turn]: open }))}
              onShowOnCanvas={(nodeId) => store.getState().focusNode(nodeId)}
            />
          ),
        )}
        {busy && entries.length ? (
          // Holds the reply's place while the flow runs, so the reply takes its room instead of pushing in.
          <li className="flex min-h-9 items-center gap-2 text-xs text-slate-600" data-testid="test-pending">
            <LoaderCircle aria-hidden className="size-3.5 animate-spin" />
            The flow is running…
          </li>
        ) : null}
      </ol>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      {error ? (
        <p role="alert" className="border-t border-rose-200 bg-rose-50 px-3 py-1.5 text-xs text-rose-800">
          {error}
        </p>
      ) : null}
      <form
        className="flex items-end gap-2 border-t border-slate-200 p-2"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label htmlFor="test-input" className="sr-only">
          Message to the draft flow
        </label>
        <textarea
          id="test-input"
          data-testid="test-input"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              void send();
            }
          }}
          placeholder="Where is my order 1001?"
          className={clsx(inputClass, "resize-none")}
        />
        <button
          type="submit"
          disabled={busy || !text.trim()}
          className={buttonClass("primary", "md")}
          aria-label="Send"
        >
          {busy ? (
            <LoaderCircle aria-hidden className="size-4 animate-spin" />
          ) : (
            <Send aria-hidden className="size-4" />
          )}
        </button>
      </form>
    </section>
  );
}
