// What a node's executor returns to the run loop: its output, where to go next, replies, and what it asks the loop to
// do (wait, escalate, fan out, call a sub-flow). Its own module so tools and agents can share the types without a cycle.
/** Extra spans a node reports beside its own node span: routing decisions, tool calls, guardrails. */
import type { Cursor, ExactWording } from "./conversation-runtime";

export type ChildSpan = {
  kind: "route" | "tool" | "llm" | "guardrail" | "escalation";
  name: string;
  status?: "ok" | "error";
  input?: unknown;
  output?: unknown;
  error?: string;
  durationMs?: number;
  attributes?: Record<string, unknown>;
  tokensIn?: number;
  tokensOut?: number;
  costUsd?: number;
};

export type EscalationRequest = {
  queue: string;
  skills: string[];
  priority: number;
  slaMinutes: number;
  reason: string;
  message: string;
  trigger: string;
  /** The name of a handoff endpoint (an external contact centre) that takes the escalation instead of the inbox. */
  handoff?: string;
};

export type ApprovalRequest = {
  tool: string;
  input: Record<string, unknown>;
  field: string;
  amount: number | null;
  threshold: number;
  approverRole: "admin" | "designer" | "operator" | "auditor";
  reason: string;
  message: string;
  /** Set when the message is an approved text (a policy disclosure): it must reach the customer exactly as rendered. */
  exact?: ExactWording;
};

export type ExecutionResult = {
  output: Record<string, unknown>;
  /** The output handle to follow; absent when this path stops here. */
  next?: string;
  replies?: string[];
  /** The replies were written by the offline stand-in, not a model: each is stored and shown labelled offline. */
  offline?: boolean;
  /** The replies are an approved template's rendering (a Response node): verified before they are sent. */
  exact?: ExactWording;
  stop?: "await_customer" | "escalated" | "ended" | "await_approval";
  endOutcome?: "resolved" | "abandoned" | "transferred";
  escalation?: EscalationRequest;
  approval?: ApprovalRequest;
  /** Parallel: the branch handles to run at once. */
  fanOut?: string[];
  /** Sub-flow: call this flow's published version with only these state keys. */
  call?: { flowSlug: string; pass: string[] };
  spans?: ChildSpan[];
  /** Go on at this cursor instead of an output: the start node hands a mid-task message to the node awaiting it. */
  continueAt?: Cursor;
  /** Where to go on once this path ends with nothing following (the question a small-talk interruption broke). */
  returnTo?: Cursor;
  /** The task a change of request left, to go back to once the new request's path is done (when the flow says so). */
  afterSwitch?: Cursor;
  /** Audit entries about the conversation the node decided (a customer verified), written with the wave. */
  audits?: { action: string; after: Record<string, unknown> }[];
};
