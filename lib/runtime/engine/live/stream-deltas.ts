// Streaming an LLM agent's reply to the public chat while the model generates it. Replies are otherwise held in the
// event's outbox and written only when the run is over (lib/runtime/engine/run/customer-outbox.ts), so this is a preview: the
// committed message replaces it. Deltas go out with pg_notify on their own connection — a NOTIFY inside the engine's
// transaction would only be delivered at commit — batched, and never allowed to fail or slow the turn.
//
// Guardrail rule: a preview must never show text that something after the agent could still change or withhold.
// So a reply streams only when
//   - the agent runs in the conversation's own flow version (not in a sub-flow: its caller may check replies later),
//   - that graph has no output-stage guardrail node (it redacts, blocks or escalates held replies) and no sub-flow
//     node (a called flow may have one; its output guardrail checks this event's whole outbox),
//   - the conversation is on the web channel (only the public chat page reads deltas; API conversations keep the
//     non-streaming model call and its retries), and
//   - the reply is not subject to exact wording: runLlmAgent's reply never is (exact wording is for Response nodes and
//     approval messages, which are not model output); if an agent's reply ever carries `exact`, stream nothing.
// Otherwise nothing streams and the visitor sees the reply when it is committed, as before.
import "server-only";
import { randomBytes } from "node:crypto";
import type { FlowGraph } from "@/lib/model/flow/schema";
import { liveListener } from "./live-listener";
import type { TurnContext } from "@/lib/runtime/engine/turn/turn-context";
import { sidePool } from "@/lib/platform/db/side-pool";

/** One NOTIFY per batch of reply text; payload: DeltaNotice as JSON. */
export const DELTA_CHANNEL = "switchboard_delta";

/**
 * c: conversation, e: event, s: step, r: the stream the text belongs to (a new one per model call and per run of the
 * step — a retry starts over), i: sequence number within the step's run, o: where `d` starts in its stream's text
 * (UTF-16 units: a page that joined late or missed a notice sees the gap), d: the text to append, a: the agent's
 * sender name, when it has one of its own (customers never see internal labels).
 */
export type DeltaNotice = { c: string; e: string; s: string; r: string; i: number; o: number; d: string; a?: string };

export type ReplyDelta = {
  conversationId: string;
  eventId: string;
  stepId: string;
  stream: string;
  seq: number;
  offset: number;
  text: string;
  author: string | null;
};

const FLUSH_MS = 50;
const FLUSH_CHARS = 200;
/** Postgres refuses NOTIFY payloads of 8000 bytes or more; stay well below after JSON escaping. */
const MAX_PAYLOAD_BYTES = 7000;
const PIECE_CHARS = 1000;
/** How long the end of a turn waits for deltas still being sent; after that they are dropped. */
const CLOSE_WAIT_MS = 1000;

// ————— publish side —————

/** Whether replies of agents in this graph may stream (see the rule at the top of this file). */
export function graphAllowsStreaming(graph: FlowGraph): boolean {
  return !graph.nodes.some(
    (node) => (node.kind === "guardrail" && node.config.stage === "output") || node.kind === "subflow",
  );
}

export type DeltaPublisher = {
  /** Adds model text (the runAgent `onDelta` callback). Never throws. */
  push: (delta: string) => void;
  /** The model called a tool: its next text starts a new stream (the visitor's bubble is replaced, not appended to). */
  restart: () => void;
  /** Sends what is buffered and waits (briefly) for it; later pushes are ignored. Never throws. */
  close: () => Promise<void>;
};

/**
 * A publisher for an LLM agent step, or null when its reply must not stream. Costs one indexed read in the turn's
 * transaction (the conversation's channel and flow version), and only for graphs that may stream at all.
 */
export async function openDeltaPublisher(
  ctx: Pick<TurnContext, "tx" | "graph" | "conversationId" | "flowVersionId" | "stepId">,
  agent: { label: string; config: { senderName?: string } },
): Promise<DeltaPublisher | null> {
  try {
    if (!graphAllowsStreaming(ctx.graph)) return null;
    const conversation = await ctx.tx.conversation.findUnique({
      where: { id: ctx.conversationId },
      select: { channel: true, flowVersionId: true },
    });
    if (!conversation || conversation.channel !== "web" || conversation.flowVersionId !== ctx.flowVersionId)
      return null;
    // Step ids are `${eventId}:${seq}` (lib/runtime/engine/run/run-node.ts).
    const cut = ctx.stepId.lastIndexOf(":");
    const eventId = cut > 0 ? ctx.stepId.slice(0, cut) : ctx.stepId;
    return createDeltaPublisher({
      conversationId: ctx.conversationId,
      eventId,
      stepId: ctx.stepId,
      // The chat shows this while the reply is typed: the agent's own sender name, never its internal label.
      author: agent.config.senderName || undefined,
    });
  } catch {
    return null; // streaming is a nicety: the turn goes on without it
  }
}

/** Batches text (every FLUSH_MS or FLUSH_CHARS) into DELTA_CHANNEL notices, in order, on the delta pool. */
export function createDeltaPublisher(target: {
  conversationId: string;
  eventId: string;
  stepId: string;
  author?: string;
}): DeltaPublisher {
  const run = randomBytes(4).toString("hex");
  let segment = 0;
  let seq = 0;
  let offset = 0;
  let buffer = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  let broken = false;
  let closed = false;

  const send = (payloads: string[]) => {
    chain = chain.then(async () => {
      for (const payload of payloads) {
        if (broken) return;
        try {
          await sidePool().query("SELECT pg_notify($1, $2)", [DELTA_CHANNEL, payload]);
        } catch {
          broken = true; // drop the rest of this reply's preview; the committed message still arrives
        }
      }
    });
  };

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!buffer || broken) return;
    const text = buffer;
    buffer = "";
    const base = {
      c: target.conversationId,
      e: target.eventId,
      s: target.stepId,
      r: `${run}.${segment}`,
      a: target.author?.slice(0, 100),
    };
    send(
      pieces(text).map((d) => {
        const notice: DeltaNotice = { ...base, i: seq++, o: offset, d };
        offset += d.length;
        return JSON.stringify(notice);
      }),
    );
  };

  return {
    push: (delta) => {
      if (closed || broken || typeof delta !== "string" || !delta) return;
      buffer += delta;
      if (buffer.length >= FLUSH_CHARS) flush();
      else timer ??= setTimeout(flush, FLUSH_MS);
    },
    restart: () => {
      if (closed) return;
      flush();
      segment++;
      offset = 0;
    },
    close: async () => {
      if (closed) return;
      flush();
      closed = true;
      let wait: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([chain, new Promise<void>((resolve) => (wait = setTimeout(resolve, CLOSE_WAIT_MS)))]);
      clearTimeout(wait);
    },
  };
}

/** Splits text into pieces whose notice stays under the payload limit, never inside a surrogate pair. */
function pieces(text: string): string[] {
  const out: string[] = [];
  let piece = "";
  let count = 0;
  for (const char of text) {
    piece += char;
    if (++count >= PIECE_CHARS) {
      out.push(piece);
      piece = "";
      count = 0;
    }
  }
  if (piece) out.push(piece);
  return out.flatMap(fit);
}

/** JSON escaping can grow a character to 6 bytes (control characters): halve a piece until its notice fits. */
function fit(piece: string): string[] {
  if (Buffer.byteLength(JSON.stringify(piece)) + 1000 <= MAX_PAYLOAD_BYTES) return [piece]; // ids and label fit in the rest
  const chars = Array.from(piece);
  const half = Math.ceil(chars.length / 2);
  return [...fit(chars.slice(0, half).join("")), ...fit(chars.slice(half).join(""))];
}

// ————— subscribe side —————

type DeltaListener = (delta: ReplyDelta) => void;
const byConversation = new Map<string, Set<DeltaListener>>();
let channel: { on: ReturnType<typeof liveListener>; unsubscribe: () => void } | null = null;

function dispatch(payload: string) {
  let notice: DeltaNotice;
  try {
    notice = JSON.parse(payload) as DeltaNotice;
  } catch {
    return;
  }
  if (typeof notice?.c !== "string" || typeof notice.d !== "string") return;
  const delta: ReplyDelta = {
    conversationId: notice.c,
    eventId: notice.e,
    stepId: notice.s,
    stream: notice.r,
    seq: notice.i,
    offset: notice.o ?? 0,
    text: notice.d,
    author: notice.a ?? null,
  };
  for (const listener of byConversation.get(notice.c) ?? []) {
    try {
      listener(delta);
    } catch {
      // one subscriber's failure is not the others'
    }
  }
}

/**
 * Reply text of the conversation's LLM agents as it is generated, through the process's one LISTEN connection.
 * Await `deltasReady()` after subscribing to be sure nothing published from then on is missed.
 */
export function subscribeDeltas(conversationId: string, listener: DeltaListener): () => void {
  let set = byConversation.get(conversationId);
  if (!set) byConversation.set(conversationId, (set = new Set()));
  set.add(listener);
  const live = liveListener();
  // (A closed listener is replaced by a new one: subscribe on the current one.)
  if (channel?.on !== live) channel = { on: live, unsubscribe: live.subscribeChannel(DELTA_CHANNEL, dispatch) };
  return () => {
    set.delete(listener);
    if (set.size === 0 && byConversation.get(conversationId) === set) byConversation.delete(conversationId);
    if (byConversation.size === 0 && channel) {
      channel.unsubscribe();
      channel = null;
    }
  };
}

export function deltasReady(): Promise<void> {
  return liveListener().ready();
}
