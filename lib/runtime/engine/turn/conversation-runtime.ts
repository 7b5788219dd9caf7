// The engine's cursor, stored on the conversation (Conversation.runtime) and committed with every step. A retried or
// re-delivered event resumes from it, so a completed step is never executed twice.
import { z } from "zod";

const cursor = z.object({
  nodeId: z.string(),
  /** Index into frames: 0 is the conversation's own flow version, deeper frames are sub-flow calls. */
  frame: z.number().int().min(0),
  /** The parallel branch this cursor runs in, as "<parallel node id>/<branch id>"; null outside any fan-out. */
  branch: z.string().nullable(),
  /** Set when resuming a node that suspended (an approval decision, a hand back). */
  resume: z.record(z.string(), z.unknown()).optional(),
});
export type Cursor = z.output<typeof cursor>;

const frame = z.object({
  versionId: z.string(),
  /** The sub-flow node in the parent frame that called this one; null for frame 0. */
  callerNodeId: z.string().nullable(),
  /** The child's own state: only what the caller passed explicitly, plus what the child wrote. */
  state: z.record(z.string(), z.unknown()).default({}),
});
export type Frame = z.output<typeof frame>;

/** A parallel fan-out's progress toward its join: keyed "<frame>:<parallel node id>". */
const join = z.object({
  joinNodeId: z.string().nullable(),
  arrived: z.array(z.string()),
  total: z.number(),
  startedAt: z.number(),
  timeoutMs: z.number(),
  done: z.boolean(),
});
export type JoinState = z.output<typeof join>;

/** An approved text: sent only if it still equals the template rendered with these variables. */
const exactWording = z.object({ template: z.string(), variables: z.record(z.string(), z.unknown()) });
export type ExactWording = z.output<typeof exactWording>;

const outboxMessage = z.object({
  role: z.enum(["agent", "system"]),
  author: z.string().nullable(),
  /** The node's own sender name, if it has one; otherwise the flow's or workspace's is used when it is sent. */
  senderName: z.string().nullable().optional(),
  text: z.string(),
  nodeId: z.string().nullable(),
  stepId: z.string().nullable(),
  exact: exactWording.optional(),
  /** Written by the offline stand-in (Message.offline). */
  offline: z.boolean().optional(),
});
export type OutboxMessage = z.output<typeof outboxMessage>;

export const runtimeSchema = z.object({
  /** The event the cursor belongs to; a different event starts a new run. */
  eventId: z.string().optional(),
  /** The last step number committed for that event. */
  seq: z.number().int().default(0),
  /** Nodes still to execute for the event: one, or several inside a parallel fan-out. */
  frontier: z.array(cursor).default([]),
  frames: z.array(frame).default([]),
  joins: z.record(z.string(), join).default({}),
  /** Where the next customer message enters the flow. */
  resume: cursor.nullable().default(null),
  /** After a small-talk interruption's path ends, the node it interrupted asks its question again. */
  returnTo: cursor.nullable().default(null),
  /**
   * The task a change of request interrupted, when the flow returns to it: kept while the new request asks its own
   * questions, taken once that path ends, dropped by an escalation, the end, or an interruption that does not return.
   */
  afterSwitch: cursor.nullable().default(null),
  /** A suspension waiting for a person's decision. */
  pending: z
    .object({ kind: z.literal("approval"), approvalId: z.string(), cursor })
    .nullable()
    .default(null),
  /** Messages sent while processing the event: the replies an API caller gets. */
  messageIds: z.array(z.string()).default([]),
  /**
   * Replies of the current event, held until the event's run is over so output guardrails (and the exact-wording
   * check) see every reply before anything reaches the customer.
   */
  outbox: z.array(outboxMessage).default([]),
  /** When the run of the current event started (ms), for the run span. */
  startedAt: z.number().optional(),
});
export type Runtime = z.output<typeof runtimeSchema>;

export function readRuntime(json: unknown): Runtime {
  const parsed = runtimeSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : runtimeSchema.parse({});
}
