"use client";
import { Headset, LoaderCircle, SendHorizontal } from "lucide-react";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { clsx } from "clsx";
import { loadChatUpdates, sendChatMessage, startChat, type ChatResult } from "@/lib/features/chat/actions";
import type { ChatMessage } from "@/lib/features/chat/public-chat";

const POLL_MS = 3000;
const ENDED = new Set(["resolved", "abandoned", "failed"]);

type Props = {
  workspaceSlug: string;
  flowSlug: string;
  greeting: { text: string; author: string } | null;
  maxLength: number;
};

type Shown = ChatMessage & { pending?: boolean };

/**
 * An LLM agent's reply while it is generated, from the conversation's stream route (lib/runtime/engine/live/stream-deltas.ts):
 * one per step, shown until its event's replies are committed and loaded. Only sent where nothing can change the
 * reply afterwards (no output guardrail), so it never shows text the committed message would not.
 */
type Typing = {
  eventId: string;
  stepId: string;
  stream: string;
  seq: number;
  text: string;
  author: string | null;
  /** Part of the text was missed (the page connected late, or a notice was lost): show only "typing…", not a fragment. */
  gap?: boolean;
};
type DeltaData = Omit<Typing, "gap"> & { offset: number };
/** After this many stream errors without a successful (re)connect the page gives up on it and only polls. */
const STREAM_MAX_FAILURES = 3;

const storageKey = (workspaceSlug: string, flowSlug: string) => `switchboard.chat.${workspaceSlug}.${flowSlug}`;

function readStored(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null; // storage disabled: the conversation simply does not survive a reload
  }
}
function writeStored(key: string, value: string | null) {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {}
}

function mergeMessages(current: Shown[], incoming: ChatMessage[]): Shown[] {
  const bySeq = new Map(current.filter((m) => !m.pending).map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

export function ChatWindow({ workspaceSlug, flowSlug, greeting, maxLength }: Props) {
  const key = storageKey(workspaceSlug, flowSlug);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [messages, setMessages] = useState<Shown[]>([]);
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [restoring, setRestoring] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [typing, setTyping] = useState<Typing[]>([]);
  /** Events whose replies are committed: their deltas are stale. */
  const doneRef = useRef(new Set<string>());
  const sendingRef = useRef(false);
  sendingRef.current = sending;
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const lastSeq = messages.reduce((max, m) => (m.pending ? max : Math.max(max, m.seq)), 0);
  const lastSeqRef = useRef(0);
  lastSeqRef.current = lastSeq;
  const inputId = useId();
  const errorId = useId();
  const counterId = useId();

  const ended = status !== null && ENDED.has(status);
  const escalated = status === "escalated";

  const apply = useCallback((result: Extract<ChatResult, { ok: true }>) => {
    setConversationId(result.data.conversationId);
    setStatus(result.data.status);
    setMessages((current) => mergeMessages(current, result.data.messages));
    // A typing bubble gives way to its committed message: its event is done, or the message is here already.
    const committed = new Set(result.data.messages.filter((m) => m.role === "agent").map((m) => m.text.trim()));
    setTyping((current) => {
      const kept = current.filter((t) => !doneRef.current.has(t.eventId) && !committed.has(t.text.trim()));
      return kept.length === current.length ? current : kept;
    });
  }, []);

  // Continue the conversation kept for this flow in this tab, if there is one.
  useEffect(() => {
    const stored = readStored(key);
    if (!stored) {
      setRestoring(false);
      return;
    }
    let cancelled = false;
    loadChatUpdates({ workspaceSlug, flowSlug, conversationId: stored, sinceSeq: 0 }).then(
      (result) => {
        if (cancelled) return;
        if (result.ok) apply(result);
        else {
          writeStored(key, null);
          if (result.code !== "NOT_FOUND") setError(result.message);
        }
        setRestoring(false);
      },
      () => {
        if (!cancelled) {
          setError("Could not reach the server. Check your connection and reload the page.");
          setRestoring(false);
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, workspaceSlug, flowSlug, apply]);

  // While a person has the conversation, fetch their replies every few seconds (not while the tab is hidden).
  useEffect(() => {
    if (!conversationId || !escalated) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    let inFlight = false;
    const poll = async () => {
      if (inFlight || document.visibilityState !== "visible") return;
      inFlight = true;
      try {
        const result = await loadChatUpdates({ workspaceSlug, flowSlug, conversationId, sinceSeq: lastSeqRef.current });
        if (result.ok) apply(result);
      } catch {
        // A missed poll is retried on the next tick.
      } finally {
        inFlight = false;
      }
    };
    timer = setInterval(poll, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible") void poll();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      if (timer) clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [conversationId, escalated, workspaceSlug, flowSlug, apply]);

  // While the conversation is open, an agent's reply appears as it is generated (a "typing" bubble), where the flow
  // allows it. Anything wrong with the stream (no EventSource, a proxy that buffers, errors) and the page simply
  // works as before: replies arrive with the send's answer and, while a person has it, by polling.
  useEffect(() => {
    if (!conversationId || ended || typeof EventSource === "undefined") return;
    const done = doneRef.current;
    let source: EventSource;
    try {
      source = new EventSource(
        `/api/chat/${encodeURIComponent(workspaceSlug)}/${encodeURIComponent(flowSlug)}/${encodeURIComponent(conversationId)}/stream`,
      );
    } catch {
      return;
    }
    let failures = 0;
    let closed = false;
    const stop = () => {
      closed = true;
      source.close();
      setTyping([]);
    };
    source.addEventListener("open", () => {
      failures = 0;
    });
    source.addEventListener("delta", (event) => {
      let delta: DeltaData;
      try {
        delta = JSON.parse((event as MessageEvent<string>).data) as DeltaData;
      } catch {
        return;
      }
      if (typeof delta?.text !== "string" || typeof delta.stepId !== "string" || done.has(delta.eventId)) return;
      setTyping((current) => {
        const index = current.findIndex((t) => t.stepId === delta.stepId);
        const shown = index < 0 ? null : current[index];
        if (shown && shown.stream === delta.stream && delta.seq <= shown.seq) return current; // a repeat
        // A new stream (the first, the model's next call after a tool, a retried step) replaces the text.
        const base = shown && shown.stream === delta.stream ? shown : { ...delta, text: "", gap: false };
        const next: Typing = {
          eventId: delta.eventId,
          stepId: delta.stepId,
          stream: delta.stream,
          seq: delta.seq,
          author: delta.author ?? null,
          text: base.text + delta.text,
          gap: base.gap || delta.offset !== base.text.length,
        };
        return index < 0 ? [...current, next] : current.map((t, i) => (i === index ? next : t));
      });
    });
    source.addEventListener("done", (event) => {
      let eventId: string;
      try {
        eventId = (JSON.parse((event as MessageEvent<string>).data) as { eventId: string }).eventId;
      } catch {
        return;
      }
      if (done.size > 200) done.clear();
      done.add(eventId);
      // A visitor's own turn: the send's answer brings the committed replies (and drops the bubble). Otherwise (a slow
      // turn, an operator's reply, an agent resumed by a person) fetch them now.
      if (sendingRef.current) return;
      loadChatUpdates({ workspaceSlug, flowSlug, conversationId, sinceSeq: lastSeqRef.current }).then(
        (result) => {
          if (closed) return;
          if (result.ok) apply(result);
          else setTyping((current) => current.filter((t) => t.eventId !== eventId));
        },
        () => {
          if (!closed) setTyping((current) => current.filter((t) => t.eventId !== eventId));
        },
      );
    });
    source.addEventListener("error", () => {
      if (closed) return;
      // The browser reconnects on its own; text streamed meanwhile is lost, so the bubble goes.
      setTyping([]);
      if (source.readyState === EventSource.CLOSED || ++failures >= STREAM_MAX_FAILURES) stop();
    });
    return stop;
  }, [conversationId, ended, workspaceSlug, flowSlug, apply]);

  // Keep the newest message in view.
  const typingLength = typing.reduce((sum, t) => sum + t.text.length, 0);
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [messages.length, status, typingLength]);

  async function send() {
    const trimmed = text.trim();
    if (!trimmed || sending || ended) return;
    if (trimmed.length > maxLength) {
      setError(`Messages are limited to ${maxLength} characters.`);
      return;
    }
    setError(null);
    setSending(true);
    const optimistic: Shown = {
      id: "pending",
      seq: Number.MAX_SAFE_INTEGER,
      role: "customer",
      author: null,
      text: trimmed,
      createdAt: new Date().toISOString(),
      pending: true,
    };
    setMessages((current) => [...current, optimistic]);
    setText("");
    try {
      let id = conversationId;
      let since = lastSeqRef.current;
      if (!id) {
        const started = await startChat({ workspaceSlug, flowSlug });
        if (!started.ok) throw new Error(started.message);
        id = started.data.conversationId;
        writeStored(key, id);
        setConversationId(id);
        setMessages((current) => [...mergeMessages(current, started.data.messages), optimistic]);
        since = started.data.messages.reduce((max, m) => Math.max(max, m.seq), 0);
      }
      const result = await sendChatMessage({
        workspaceSlug,
        flowSlug,
        conversationId: id,
        text: trimmed,
        sinceSeq: since,
      });
      if (!result.ok) {
        if (result.code === "NOT_FOUND") {
          writeStored(key, null);
          setConversationId(null);
          setStatus(null);
        }
        if (result.code === "CONFLICT") {
          // Most likely the conversation ended meanwhile: refresh the status so the "start a new one" offer shows.
          const latest = await loadChatUpdates({
            workspaceSlug,
            flowSlug,
            conversationId: id,
            sinceSeq: lastSeqRef.current,
          });
          if (latest.ok) apply(latest);
        }
        throw new Error(result.message);
      }
      apply(result);
    } catch (e) {
      setMessages((current) => current.filter((m) => !m.pending));
      setText(trimmed);
      setError(e instanceof Error && e.message ? e.message : "Your message could not be sent. Try again.");
    } finally {
      setSending(false);
      // The textarea was disabled while sending, which drops focus; give it back.
      requestAnimationFrame(() => inputRef.current?.focus());
    }
  }

  function startOver() {
    writeStored(key, null);
    setTyping([]);
    setConversationId(null);
    setStatus(null);
    setMessages([]);
    setError(null);
    setText("");
    requestAnimationFrame(() => inputRef.current?.focus());
  }

  // The greeting is shown from the first paint (server-rendered); a restored conversation replaces it with its own.
  const showGreeting = !conversationId && greeting;
  const remaining = maxLength - text.length;
  const shownTyping = typing.filter((t) => !t.gap && t.text.trim());

  return (
    <main id="main" className="flex min-h-0 w-full flex-1 flex-col">
      <ol
        ref={listRef}
        aria-live="polite"
        aria-relevant="additions"
        aria-label="Conversation"
        className="mx-auto w-full max-w-2xl flex-1 space-y-3 overflow-y-auto px-4 py-6 [scrollbar-gutter:stable]"
        data-testid="chat-messages"
      >
        {showGreeting ? (
          <li data-testid="chat-message" data-role="agent" className="flex justify-start">
            <div className="max-w-[85%]">
              <div className="mb-1 text-xs text-slate-500">{greeting.author}</div>
              <p className="whitespace-pre-wrap rounded-2xl rounded-tl-sm bg-white px-4 py-2.5 text-sm text-slate-800 shadow-xs ring-1 ring-slate-200">
                {greeting.text}
              </p>
            </div>
          </li>
        ) : null}
        {messages.map((m) => {
          const mine = m.role === "customer";
          const label =
            m.role === "operator"
              ? `${m.author ?? "Support team"} (team member)`
              : m.role === "system"
                ? "Notice"
                : (m.author ?? "Assistant");
          return (
            <li
              key={m.pending ? "pending" : m.id}
              data-testid="chat-message"
              data-role={m.role}
              data-pending={m.pending ? "true" : undefined}
              className={clsx("flex", mine ? "justify-end" : "justify-start")}
            >
              <div className="max-w-[85%]">
                {mine ? (
                  <span className="sr-only">You said:</span>
                ) : (
                  <div className="mb-1 flex items-center gap-1 text-xs text-slate-500">
                    {m.role === "operator" ? <Headset aria-hidden className="size-3" /> : null}
                    {label}
                  </div>
                )}
                <p
                  className={clsx(
                    "whitespace-pre-wrap break-words rounded-2xl px-4 py-2.5 text-sm shadow-xs",
                    mine
                      ? "rounded-tr-sm bg-indigo-600 text-white"
                      : m.role === "operator"
                        ? "rounded-tl-sm bg-emerald-50 text-slate-800 ring-1 ring-emerald-200"
                        : m.role === "system"
                          ? "bg-slate-200 text-slate-700"
                          : "rounded-tl-sm bg-white text-slate-800 ring-1 ring-slate-200",
                    m.pending && "opacity-70",
                  )}
                >
                  {m.text}
                </p>
                <div className={clsx("mt-0.5 text-[11px] text-slate-400", mine && "text-right")}>
                  {m.pending ? "Sending…" : timeFormat.format(new Date(m.createdAt))}
                </div>
              </div>
            </li>
          );
        })}
        {/* Hidden from screen readers: the list announces the committed message, not every token. */}
        {shownTyping.map((t) => (
          <li key={t.stepId} aria-hidden="true" data-testid="chat-typing" className="flex justify-start">
            <div className="max-w-[85%]">
              <div className="mb-1 flex items-center gap-1 text-xs text-slate-500">
                <LoaderCircle className="size-3 animate-spin" />
                {t.author ?? "Assistant"} is typing…
              </div>
              <p className="whitespace-pre-wrap break-words rounded-2xl rounded-tl-sm border border-dashed border-indigo-300 bg-indigo-50/70 px-4 py-2.5 text-sm text-slate-700">
                {t.text}
                <span className="ml-0.5 inline-block h-3.5 w-1.5 translate-y-0.5 animate-pulse rounded-sm bg-indigo-400 motion-reduce:animate-none" />
              </p>
            </div>
          </li>
        ))}
        {restoring ? (
          <li className="flex items-center gap-2 text-sm text-slate-500">
            <LoaderCircle aria-hidden className="size-4 animate-spin" /> Loading your conversation…
          </li>
        ) : null}
        {((sending && !escalated) || typing.length > 0) && shownTyping.length === 0 ? (
          <li className="flex items-center gap-2 text-xs text-slate-500" aria-hidden>
            <LoaderCircle className="size-3.5 animate-spin" /> Assistant is typing…
          </li>
        ) : null}
      </ol>

      <div className="border-t border-slate-200 bg-white">
        <div className="mx-auto w-full max-w-2xl px-4 py-3">
          {escalated ? (
            <p
              role="status"
              className="mb-3 flex items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
              data-testid="chat-escalated"
            >
              <Headset aria-hidden className="size-4 shrink-0" />A member of our team will reply here. You can keep
              writing in the meantime.
            </p>
          ) : null}
          {ended ? (
            <div
              role="status"
              className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2.5 text-sm text-slate-700"
              data-testid="chat-ended"
            >
              <span>This conversation has ended{status === "resolved" ? "" : ` (${status})`}.</span>
              <button
                type="button"
                onClick={startOver}
                className="inline-flex h-8 items-center rounded-md bg-indigo-600 px-3 text-xs font-medium text-white hover:bg-indigo-500"
                data-testid="chat-new"
              >
                Start a new conversation
              </button>
            </div>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void send();
              }}
              className="flex items-end gap-2"
            >
              <div className="min-w-0 flex-1">
                <label htmlFor={inputId} className="sr-only">
                  Your message
                </label>
                <textarea
                  ref={inputRef}
                  id={inputId}
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value);
                    if (error) setError(null);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                      e.preventDefault();
                      void send();
                    }
                  }}
                  rows={2}
                  maxLength={maxLength}
                  disabled={sending || restoring}
                  placeholder="Write a message… (Enter to send, Shift+Enter for a new line)"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={
                    [error ? errorId : null, remaining < 200 ? counterId : null].filter(Boolean).join(" ") || undefined
                  }
                  className="block max-h-40 w-full resize-none rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/20 disabled:bg-slate-50"
                  data-testid="chat-input"
                />
              </div>
              <button
                type="submit"
                disabled={sending || restoring || !text.trim()}
                className="inline-flex h-10 items-center gap-1.5 rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-50"
                data-testid="chat-send"
              >
                {sending ? (
                  <LoaderCircle aria-hidden className="size-4 animate-spin" />
                ) : (
                  <SendHorizontal aria-hidden className="size-4" />
                )}
                {sending ? "Sending" : "Send"}
              </button>
            </form>
          )}
          <div className="mt-1.5 flex min-h-4 items-start justify-between gap-3 text-xs">
            <p id={errorId} role="alert" className="font-medium text-rose-700" data-testid="chat-error">
              {error}
            </p>
            {!ended && remaining < 200 ? (
              <p
                id={counterId}
                className={clsx("shrink-0 tabular-nums", remaining <= 0 ? "text-rose-700" : "text-slate-500")}
              >
                {remaining} characters left
              </p>
            ) : null}
          </div>
        </div>
      </div>
    </main>
  );
}
