// While the conversation is open, an agent's reply appears as it is generated: the conversation's stream route
// (EventSource) feeds the "typing" bubbles, and a finished event fetches its committed replies.
"use client";
import { useEffect, type Dispatch, type RefObject, type SetStateAction } from "react";
import { loadChatUpdates, type ChatResult } from "@/lib/features/chat/actions";
import { addDelta, type DeltaData, type Typing } from "./chat-state";

/** After this many stream errors without a successful (re)connect the page gives up on it and only polls. */
const STREAM_MAX_FAILURES = 3;

export function useTypingStream({
  workspaceSlug,
  flowSlug,
  conversationId,
  ended,
  apply,
  setTyping,
  doneRef,
  sendingRef,
  lastSeqRef,
}: {
  workspaceSlug: string;
  flowSlug: string;
  conversationId: string | null;
  ended: boolean;
  apply: (result: Extract<ChatResult, { ok: true }>) => void;
  setTyping: Dispatch<SetStateAction<Typing[]>>;
  /** Events whose replies are committed: their deltas are stale. */
  doneRef: RefObject<Set<string>>;
  sendingRef: RefObject<boolean>;
  lastSeqRef: RefObject<number>;
}) {
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
      setTyping((current) => addDelta(current, delta));
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
  }, [conversationId, ended, workspaceSlug, flowSlug, apply, setTyping, doneRef, sendingRef, lastSeqRef]);
}
