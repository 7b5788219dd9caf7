// Why a conversation reached a person, from the Escalation's `context` JSON the engine wrote (lib/runtime/engine/run/escalate.ts
// createEscalation): what triggered it, which node, the error if automation failed, the intent and the state then.
// Pure, so any shape (older rows, hand-made ones) turns into something readable instead of a crash.

export type EscalationContextView = {
  trigger: string;
  triggerLabel: string;
  node: { id: string; label: string } | null;
  error: string | null;
  attempts: number | null;
  intent: string | null;
  /** The flow state handed to the person (already PII-redacted by the engine), without empty values. */
  state: Record<string, unknown>;
  /** Why a handoff to an external contact centre did not happen, when the node named one (it came to the inbox instead). */
  handoffNote: string | null;
};

const TRIGGERS: Record<string, string> = {
  escalate_node: "The flow reached an escalation step",
  node_failed: "Automation failed and handed over",
  take_over: "An operator took the conversation over",
  guardrail: "A guardrail stopped a reply",
  low_confidence: "The router was not confident enough",
};

const record = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value : null);

export function describeEscalationContext(context: unknown): EscalationContextView {
  const c = record(context) ?? {};
  const trigger = text(c.trigger) ?? "unknown";
  const nodeId = text(c.nodeId);
  const failure = record(c.failure);
  const state = Object.fromEntries(
    Object.entries(record(c.state) ?? {}).filter(
      ([, v]) =>
        v !== null && v !== undefined && v !== "" && !(typeof v === "object" && Object.keys(v as object).length === 0),
    ),
  );
  const intent =
    text(c.intent) ?? (record(c.intent) ? (text(record(c.intent)!.label) ?? text(record(c.intent)!.id)) : null);
  return {
    trigger,
    triggerLabel: TRIGGERS[trigger] ?? (trigger === "unknown" ? "Not recorded" : trigger.replace(/_/g, " ")),
    node: nodeId ? { id: nodeId, label: text(c.nodeLabel) ?? nodeId } : null,
    error: failure ? text(failure.error) : null,
    attempts: failure && typeof failure.attempts === "number" ? failure.attempts : null,
    intent,
    state,
    handoffNote: text(record(c.handoff)?.note),
  };
}
