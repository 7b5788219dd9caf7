// The public chat page's conversation: the one this browser has on the flow (its HttpOnly resume cookie, shared by
// every tab and kept across reloads), sent optimistically, replies streamed as they are typed and, while a person has
// it, polled. A tab that comes back to the front follows the cookie, which another tab may have moved on. A message
// refused for going too fast or being too large gets a notice, not an error: nothing is wrong, it just has to wait.
"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  leaveChat,
  loadChatUpdates,
  resumeChat,
  sendChatMessage,
  startChat,
  type ChatResult,
} from "@/lib/features/chat/actions";
import { MESSAGE_TOO_LARGE } from "@/lib/model/limits";
import { ChatComposer } from "./chat-composer";
import { ChatMessageList } from "./chat-message-list";
import { mergeMessages, type Shown, type Typing } from "./chat-state";
import { useTypingStream } from "./use-typing-stream";
import { pageOrigin } from "./page-origin";

const POLL_MS = 3000;
const ENDED = new Set(["resolved", "abandoned", "failed"]);

/** A refusal to show as a notice: over a rate limit (the action's answer) or too large (proxy.ts's 413, thrown). */
class ChatNotice extends Error {}

function refusal(failure: Extract<ChatResult, { ok: false }>): Error {
  return failure.code === "RATE_LIMITED" ? new ChatNotice(failure.message) : new Error(failure.message);
}

type Props = {
  workspaceSlug: string;
  flowSlug: string;
  greeting: { text: string; author: string } | null;
  maxLength: number;
  /** The host site's signed identity for a signed-in shopper; sent once, when the conversation starts. */
  identityToken?: string;
};

export function ChatWindow({ workspaceSlug, flowSlug, greeting, maxLength, identityToken }: Props) {
  const [conversationId, setConversationId] = useState<string | null>(null);
  /** The conversation shown, for callbacks that must not act on one the page has since left. */
  const conversationRef = useRef<string | null>(null);
  /** "Start a new conversation" telling the server, which a first message waits for (its cookie comes after). */
  const leavingRef = useRef<Promise<unknown> | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [messages, setMessages] = useState<Shown[]>([]);
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [restoring, setRestoring] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
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
    // Another conversation (another tab started one, or the message continued in a new one) replaces what is shown:
    // the messages of two conversations would collide by number.
    const switched = conversationRef.current !== result.data.conversationId;
    conversationRef.current = result.data.conversationId;
    setConversationId(result.data.conversationId);
    setStatus(result.data.status);
    setMessages((current) => mergeMessages(switched ? [] : current, result.data.messages));
    // A typing bubble gives way to its committed message: its event is done, or the message is here already.
    const committed = new Set(result.data.messages.filter((m) => m.role === "agent").map((m) => m.text.trim()));
    setTyping((current) => {
      const kept = switched
        ? []
        : current.filter((t) => !doneRef.current.has(t.eventId) && !committed.has(t.text.trim()));
      return kept.length === current.length ? current : kept;
    });
  }, []);

  /** Back to an empty chat with the greeting; what the visitor is typing stays. */
  const reset = useCallback(() => {
    conversationRef.current = null;
    setTyping([]);
    setConversationId(null);
    setStatus(null);
    setMessages([]);
  }, []);

  /**
   * Shows the conversation the cookie opens now (only newer messages when it is the one shown), or none. Nothing
   * changes when the page moved meanwhile, or a message went out (its answer brings the messages, and applying these
   * would drop the visitor's pending one) unless `duringSend` is the send itself asking.
   */
  const followCookie = useCallback(
    async (duringSend = false): Promise<void> => {
      const shown = conversationRef.current;
      const result = await resumeChat({
        workspaceSlug,
        flowSlug,
        known: shown ? { conversationId: shown, sinceSeq: lastSeqRef.current } : undefined,
      });
      if (!result.ok || shown !== conversationRef.current || (sendingRef.current && !duringSend)) return;
      if (result.data) apply({ ok: true, data: result.data });
      else if (shown) reset();
    },
    [workspaceSlug, flowSlug, apply, reset],
  );

  // Continue the conversation this browser has on this flow, if there is one.
  useEffect(() => {
    let cancelled = false;
    resumeChat({ workspaceSlug, flowSlug }).then(
      (result) => {
        if (cancelled) return;
        if (result.ok) {
          if (result.data) apply({ ok: true, data: result.data });
        } else if (result.code !== "NOT_FOUND") setError(result.message);
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
  }, [workspaceSlug, flowSlug, apply]);

  // Back to the front, follow the cookie: another tab may have started a new conversation or left this one.
  useEffect(() => {
    if (restoring) return;
    let inFlight = false;
    const onFront = async () => {
      if (inFlight || sendingRef.current || document.visibilityState !== "visible") return;
      inFlight = true;
      try {
        await followCookie();
      } catch {
        // Offline for a moment: the next focus tries again.
      } finally {
        inFlight = false;
      }
    };
    const listener = () => void onFront();
    window.addEventListener("focus", listener);
    document.addEventListener("visibilitychange", listener);
    return () => {
      window.removeEventListener("focus", listener);
      document.removeEventListener("visibilitychange", listener);
    };
  }, [restoring, followCookie]);

  // While a person has the conversation, fetch their replies every few seconds (not while the tab is hidden).
  useEffect(() => {
    if (!conversationId || !escalated) return;
    let inFlight = false;
    const poll = async () => {
      if (inFlight || document.visibilityState !== "visible") return;
      inFlight = true;
      try {
        const result = await loadChatUpdates({ workspaceSlug, flowSlug, conversationId, sinceSeq: lastSeqRef.current });
        if (result.ok && conversationRef.current === conversationId) apply(result);
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
    setNotice(null);
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
      let id = conversationRef.current;
      let since = lastSeqRef.current;
      if (!id) {
        await leavingRef.current;
        const started = await startChat({ workspaceSlug, flowSlug, identityToken, origin: pageOrigin() });
        if (!started.ok) throw refusal(started);
        id = started.data.conversationId;
        conversationRef.current = id;
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
        // Not this browser's any more (another tab started a new one, or the cookie is gone): show what it has now.
        if (result.code === "NOT_FOUND") await followCookie(true).catch(() => undefined);
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
        throw refusal(result);
      }
      apply(result);
    } catch (e) {
      setMessages((current) => current.filter((m) => !m.pending));
      setText(trimmed);
      if (e instanceof ChatNotice || (e instanceof Error && e.message === MESSAGE_TOO_LARGE)) setNotice(e.message);
      else setError(e instanceof Error && e.message ? e.message : "Your message could not be sent. Try again.");
    } finally {
      setSending(false);
      // The textarea was disabled while sending, which drops focus; give it back.
      requestAnimationFrame(() => inputRef.current?.focus());
    }
  }

  function startOver() {
    const left = conversationRef.current;
    reset();
    // The new conversation itself starts with the first message (startChat); until then a reload or another tab shows
    // none rather than bringing the old one back.
    if (left) {
      const leaving = leaveChat({ workspaceSlug, flowSlug, conversationId: left }).catch(() => null);
      leavingRef.current = leaving;
      void leaving.finally(() => {
        if (leavingRef.current === leaving) leavingRef.current = null;
      });
    }
    setError(null);
    setNotice(null);
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
        notice={notice}
        sending={sending}
        restoring={restoring}
        maxLength={maxLength}
        onSend={() => void send()}
        onStartOver={startOver}
      />
    </main>
  );
}
