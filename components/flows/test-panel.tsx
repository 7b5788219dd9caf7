// Test drawer: chat with the current saved draft (run as a hidden test version). After each reply the executed
// path lights up on the canvas step by step; failed steps turn red with their error; the path stays until the
// next message.
"use client";
import { clsx } from "clsx";
import { LoaderCircle, RotateCcw, Send, X } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { buttonClass, inputClass } from "@/components/ui/button";
import { OfflineReplyLabel } from "@/components/ui/offline-reply-label";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import type { NodeKind } from "@/lib/model/flow/schema";
import { sendDraftTestMessage, startDraftTest, type TestMessage, type TestStep } from "./draft-api";
import { useEditor, useEditorStoreApi, type TraceMark } from "./store";

const STEP_DELAY_MS = 350;

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
  // The path reads in labels, as the canvas does; the id stays beside it, secondary.
  const nodes = useEditor((st) => st.graph.nodes);
  const labels = useMemo(() => new Map(nodes.map((n) => [n.id, n.label])), [nodes]);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [messages, setMessages] = useState<TestMessage[]>([]);
  const [steps, setSteps] = useState<TestStep[]>([]);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [messages]);

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
    setMessages(result.data.messages);
    setSteps([]);
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
      setMessages((m) => [...m, { id: `local-${Date.now()}`, role: "customer", author: "You", text: message }]);
      const result = await sendDraftTestMessage({ flowId, conversationId: id, text: message });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setError(result.data.failureReason ? `The turn failed: ${result.data.failureReason}` : null);
      setStatus(result.data.status);
      setMessages((m) => [...m, ...result.data.replies]);
      setSteps(result.data.steps);
      playPath(result.data.steps);
    } finally {
      setBusy(false);
    }
  }

  async function restart() {
    setBusy(true);
    try {
      setConversationId(null);
      setMessages([]);
      await start();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section
      aria-labelledby="test-panel-heading"
      data-testid="test-panel"
      className="flex h-full w-96 flex-col border-l border-slate-200 bg-white shadow-xl"
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
      <ol
        ref={listRef}
        className="min-h-0 flex-1 space-y-2 overflow-y-auto p-3"
        aria-live="polite"
        aria-label="Test conversation"
      >
        {messages.length === 0 ? <li className="text-xs text-slate-500">Send a message as a customer would.</li> : null}
        {messages.map((m) => {
          const mine = m.role === "customer" || m.role === "user";
          return (
            <li
              key={m.id}
              data-testid="test-message"
              data-role={m.role}
              className={clsx("flex", mine ? "justify-end" : "justify-start")}
            >
              <div
                className={clsx(
                  "max-w-[85%] rounded-lg px-3 py-1.5 text-sm",
                  mine ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-800",
                )}
              >
                {!mine ? (
                  <div className="text-[10px] font-medium uppercase tracking-wide text-slate-500">{m.author}</div>
                ) : null}
                {m.offline ? <OfflineReplyLabel className="my-0.5" /> : null}
                <p className="whitespace-pre-wrap">{m.text}</p>
              </div>
            </li>
          );
        })}
      </ol>
      {steps.length ? (
        <details className="border-t border-slate-100 px-3 py-1.5 text-xs" open>
          <summary className="cursor-pointer font-medium text-slate-600">
            Path of the last turn ({steps.length} steps)
          </summary>
          <ol className="mt-1 space-y-0.5">
            {steps.map((s, i) => (
              <li key={`${s.nodeId}-${s.seq}`}>
                <button
                  type="button"
                  onClick={() => store.getState().focusNode(s.nodeId)}
                  className={clsx(
                    "text-left hover:underline",
                    s.error || s.status === "failed" ? "text-rose-700" : "text-slate-700",
                  )}
                >
                  {i + 1}. {labels.get(s.nodeId) ?? s.nodeId}{" "}
                  <span className="text-slate-500">
                    ({NODE_KINDS[s.nodeKind as NodeKind]?.label ?? s.nodeKind}, {s.status}
                    {labels.has(s.nodeId) ? <span className="font-mono"> · {s.nodeId}</span> : null})
                  </span>
                  {s.error ? <span className="block text-rose-700">{s.error}</span> : null}
                </button>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
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
