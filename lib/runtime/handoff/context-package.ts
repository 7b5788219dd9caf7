// What an external contact centre receives when an escalation is handed to it: everything the inbox would show a
// person (why, the transcript, what the agents did, the state handed over, the customer) plus a deterministic summary
// and the callback URLs for replying and resolving. Pure: the engine gathers the rows, this shapes them.

export type HandoffMessage = { role: string; author: string | null; text: string; createdAt: Date | null };
export type HandoffToolCall = { name: string; status: string; output: unknown; error: string | null };

export type HandoffPackageInput = {
  escalation: {
    id: string;
    reason: string;
    queue: string;
    priority: number;
    skills: string[];
    slaDueAt: Date;
    trigger: string;
  };
  conversation: {
    id: string;
    channel: string;
    startedAt: Date;
    flow: { slug: string; name: string; version: number | null };
  };
  customer: { ref: string; name: string; email: string } | null;
  /** The transcript as stored (customer messages PII-redacted by the engine). */
  messages: HandoffMessage[];
  /** Labels of the nodes the conversation went through, in order. */
  path: string[];
  toolCalls: HandoffToolCall[];
  /** The flow state handed over, already PII-redacted. */
  state: Record<string, unknown>;
  /** The app's public origin, e.g. https://switchboard.example.com. */
  origin: string;
};

export type HandoffIntent = { id: string; label: string | null; confidence: number | null };

export type HandoffSummary = {
  intent: HandoffIntent | null;
  route: string[];
  keyState: Record<string, string | number | boolean>;
  lastCustomerMessage: string | null;
  toolCalls: { tool: string; outcome: "ok" | "error"; detail: string | null }[];
  /** The same, as a few sentences a person reads first. */
  text: string;
};

export type HandoffPackage = {
  escalation: {
    id: string;
    reason: string;
    queue: string;
    priority: number;
    skills: string[];
    slaDueAt: string;
    trigger: string;
  };
  conversation: {
    id: string;
    channel: string;
    startedAt: string;
    flow: { slug: string; name: string; version: number | null };
  };
  customer: { ref: string; name: string; email: string } | null;
  transcript: { role: string; author: string | null; text: string; at: string | null }[];
  summary: HandoffSummary;
  state: Record<string, unknown>;
  callbacks: { escalation: string; messages: string; resolve: string };
};

const KEY_STATE_LIMIT = 20;
const TEXT_CLIP = 200;
// Engine bookkeeping and memory recalled from earlier conversations are not facts of this conversation.
const NOT_KEY_STATE = new Set(["intent", "memory", "lastError", "text", "subflows"]);

const clip = (text: string, max = TEXT_CLIP) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const record = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

function intentOf(state: Record<string, unknown>): HandoffIntent | null {
  const intent = record(state.intent);
  if (intent && typeof intent.id === "string") {
    return {
      id: intent.id,
      label: typeof intent.label === "string" ? intent.label : null,
      confidence: typeof intent.confidence === "number" ? intent.confidence : null,
    };
  }
  return typeof state.intent === "string" ? { id: state.intent, label: null, confidence: null } : null;
}

/** Scalar state values up to two levels deep (`order.number`), in key order, so the same state gives the same list. */
export function keyStateValues(state: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  const add = (key: string, value: unknown) => {
    if (Object.keys(out).length >= KEY_STATE_LIMIT) return;
    if (typeof value === "string" && value.trim()) out[key] = clip(value);
    else if (typeof value === "number" && Number.isFinite(value)) out[key] = value;
    else if (typeof value === "boolean") out[key] = value;
  };
  for (const key of Object.keys(state).sort()) {
    if (NOT_KEY_STATE.has(key)) continue;
    const nested = record(state[key]);
    if (!nested) {
      add(key, state[key]);
      continue;
    }
    for (const inner of Object.keys(nested).sort()) add(`${key}.${inner}`, nested[inner]);
  }
  return out;
}

/** A node path without consecutive repeats (a slot-filling agent asking three times is one step of the route). */
function collapse(path: string[]): string[] {
  return path.filter((label, index) => label && label !== path[index - 1]);
}

function toolDetail(call: HandoffToolCall): string | null {
  if (call.status === "error") return call.error ? clip(call.error) : null;
  if (call.output === undefined || call.output === null) return null;
  return clip(typeof call.output === "string" ? call.output : JSON.stringify(call.output));
}

export function summarize(
  input: Pick<HandoffPackageInput, "messages" | "path" | "toolCalls" | "state" | "escalation">,
): HandoffSummary {
  const intent = intentOf(input.state);
  const route = collapse(input.path);
  const keyState = keyStateValues(input.state);
  const lastCustomer = [...input.messages].reverse().find((m) => m.role === "customer");
  const lastCustomerMessage = lastCustomer ? clip(lastCustomer.text, 1000) : null;
  const toolCalls = input.toolCalls.map((call) => ({
    tool: call.name,
    outcome: call.status === "error" ? ("error" as const) : ("ok" as const),
    detail: toolDetail(call),
  }));

  const sentences = [`Escalated: ${input.escalation.reason}.`];
  if (intent) {
    const confidence = intent.confidence === null ? "" : `, confidence ${intent.confidence.toFixed(2)}`;
    sentences.push(`Intent: ${intent.label ?? intent.id} (${intent.id}${confidence}).`);
  }
  if (route.length) sentences.push(`Route: ${route.join(" → ")}.`);
  const facts = Object.entries(keyState);
  if (facts.length) sentences.push(`Known: ${facts.map(([key, value]) => `${key} = ${String(value)}`).join("; ")}.`);
  if (toolCalls.length)
    sentences.push(
      `Tools: ${toolCalls.map((call) => `${call.tool} ${call.outcome === "ok" ? "succeeded" : "failed"}`).join(", ")}.`,
    );
  if (lastCustomerMessage) sentences.push(`Last customer message: “${clip(lastCustomerMessage)}”`);
  return { intent, route, keyState, lastCustomerMessage, toolCalls, text: sentences.join(" ") };
}

export function escalationCallbacks(origin: string, escalationId: string): HandoffPackage["callbacks"] {
  const base = `${origin.replace(/\/+$/, "")}/api/v1/escalations/${encodeURIComponent(escalationId)}`;
  return { escalation: base, messages: `${base}/messages`, resolve: `${base}/resolve` };
}

export function buildHandoffPackage(input: HandoffPackageInput): HandoffPackage {
  const { escalation, conversation } = input;
  return {
    escalation: { ...escalation, skills: [...escalation.skills], slaDueAt: escalation.slaDueAt.toISOString() },
    conversation: {
      id: conversation.id,
      channel: conversation.channel,
      startedAt: conversation.startedAt.toISOString(),
      flow: { ...conversation.flow },
    },
    customer: input.customer
      ? { ref: input.customer.ref, name: input.customer.name, email: input.customer.email }
      : null,
    transcript: input.messages.map((m) => ({
      role: m.role,
      author: m.author,
      text: m.text,
      at: m.createdAt ? m.createdAt.toISOString() : null,
    })),
    summary: summarize(input),
    state: input.state,
    callbacks: escalationCallbacks(input.origin, escalation.id),
  };
}
