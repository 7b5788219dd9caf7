// The public chat page's conversation: restored from this tab, sent optimistically, replies streamed as they are
// typed and, while a person has it, polled.
"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { loadChatUpdates, sendChatMessage, startChat, type ChatResult } from "@/lib/features/chat/actions";
import { ChatComposer } from "./chat-composer";
import { ChatMessageList } from "./chat-message-list";
import { mergeMessages, readStored, storageKey, writeStored, type Shown, type Typing } from "./chat-state";
import { useTypingStream } from "./use-typing-stream";

const POLL_MS = 3000;
const ENDED = new Set(["resolved", "abandoned", "failed"]);

type Props = {
  workspaceSlug: string;
  flowSlug: string;
  greeting: { text: string; author: string } | null;
  maxLength: number;
};

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
    const timer = setInterval(() => void poll(), POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible") void poll();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [conversationId, escalated, workspaceSlug, flowSlug, apply]);

  useTypingStream({
    workspaceSlug,
    flowSlug,
    conversationId,
    ended,
    apply,
    setTyping,
    doneRef,
    sendingRef,
    lastSeqRef,
  });

  // Keep the newest message in view.
  const typingLength = typing.reduce((sum, t) => sum + t.text.length, 0);
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [messages.length, status, typingLength]);

  async function send() {
    const trimmed = text.trim();
    if (!trimmed || sending) return;
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
  const shownTyping = typing.filter((t) => !t.gap && t.text.trim());

  return (
    <main id="main" className="flex min-h-0 w-full flex-1 flex-col">
      <ChatMessageList
        ref={listRef}
        greeting={showGreeting ? greeting : null}
        messages={messages}
        typing={shownTyping}
        restoring={restoring}
        waiting={((sending && !escalated) || typing.length > 0) && shownTyping.length === 0}
      />
      <ChatComposer
        inputRef={inputRef}
        status={status}
        ended={ended}
        escalated={escalated}
        text={text}
        onTextChange={(value) => {
          setText(value);
          if (error) setError(null);
        }}
        error={error}
        sending={sending}
        restoring={restoring}
        maxLength={maxLength}
        onSend={() => void send()}
        onStartOver={startOver}
      />
    </main>
  );
}
