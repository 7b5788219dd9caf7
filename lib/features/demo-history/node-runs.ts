// The node executions the demo flows produce, with the outputs, child spans and audit entries the engine's executors
// write for them (lib/runtime/engine/nodes/): the start node's interruption check, the guardrails, the router's
// decision, response, escalate and end nodes. The figures (scores, durations) come from the caller's PRNG.
import { renderTemplate } from "@/lib/model/flow/template";
import type { FlowRef, NodeRun } from "./conversation-builder";

export type Random = () => number;

export type GraphNode = { id: string; kind: string; label: string; config: Record<string, unknown> };
export type HistoryFlow = FlowRef & {
  nodes: Map<string, GraphNode>;
  /** Router route ids with their labels, and the node each route leads to. */
  routes: { id: string; label: string; target: string | null }[];
  edges: { id: string; permission?: Record<string, unknown> }[];
};

export const config = (flow: HistoryFlow, nodeId: string) => flow.nodes.get(nodeId)?.config ?? {};
export const text = (template: string, vars: Record<string, unknown>) => renderTemplate(template, vars).text;

/** A classifier decision: the chosen intent well ahead, the runners-up sharing the rest, as a softmax leaves them. */
export function decision(
  random: Random,
  chosen: string,
  others: string[],
  threshold: number,
  options: { confidence?: number; chosenIsNull?: boolean } = {},
) {
  const confidence = options.confidence ?? 0.82 + random() * 0.179;
  let rest = 1 - confidence;
  const candidates = [{ score: confidence, intent: chosen }];
  for (const intent of others.slice(0, 4)) {
    const score = rest * (0.35 + random() * 0.4);
    rest -= score;
    candidates.push({ score, intent });
  }
  return {
    mode: "fast",
    chosen: options.chosenIsNull ? null : chosen,
    strategy: "classifier",
    predicted: chosen,
    threshold,
    candidates,
    confidence,
  };
}

const INTERRUPTIONS = ["__continue", "ask_person", "frustrated", "start_over", "greeting", "thanks", "goodbye"];

/** The start node checking a message for interruptions: `chosen` null lets the message through to the flow. */
export function startCheck(random: Random, flow: HistoryFlow, text: string, chosen: string | null): NodeRun {
  const predicted = chosen ?? "__continue";
  const d = decision(
    random,
    predicted,
    INTERRUPTIONS.filter((i) => i !== predicted),
    0.6,
    { chosenIsNull: chosen === null, confidence: chosen === null ? 0.99 + random() * 0.0099 : undefined },
  );
  return {
    nodeId: "start",
    kind: "start",
    input: { text, resume: { then: null, check: true, waiting: null } },
    output: { decision: d },
    ms: 1 + random() * 4,
    children: [{ suffix: "0", kind: "route", name: `${flow.labels.start}: interruptions`, input: { text }, output: d }],
    audit: ({ eventId, conversationId }) =>
      chosen === null
        ? []
        : [
            {
              action: "routing.decided",
              resourceType: "routing_decision",
              resourceId: conversationId,
              after: { switched: null, interruptions: d },
              metadata: { check: "message", nodeId: "start", eventId, flowVersionId: flow.versionId },
            },
          ],
  };
}

export function inputGuard(random: Random): NodeRun {
  const decisionRow = { policy: "prompt_injection", reason: "No prompt-injection signals.", outcome: "pass" };
  return {
    nodeId: "input_guard",
    kind: "guardrail",
    output: { stage: "input", checked: 1, outcome: "pass", decisions: [decisionRow] },
    ms: 2 + random() * 6,
    children: [
      {
        suffix: "0",
        kind: "guardrail",
        name: "prompt_injection",
        input: { stage: "input", target: "customer message" },
        output: { reason: decisionRow.reason, outcome: "pass", findings: [] },
        attributes: { stage: "input", onViolation: "block" },
      },
    ],
    audit: ({ stepId, eventId }) => [
      {
        action: "guardrail.passed",
        resourceType: "guardrail",
        resourceId: stepId,
        after: decisionRow,
        metadata: { stage: "input", nodeId: "input_guard", target: "customer message", eventId },
      },
    ],
  };
}

export function outputGuard(random: Random): NodeRun {
  const checks = [
    { policy: "pii_redact", reason: "No personal data found.", outcome: "pass" },
    { policy: "blocked_phrases", reason: "No blocked phrase found.", outcome: "pass" },
  ];
  return {
    nodeId: "output_guard",
    kind: "guardrail",
    output: { stage: "output", checked: 1, outcome: "pass", decisions: checks },
    ms: 2 + random() * 5,
    children: checks.map((c, i) => ({
      suffix: String(i),
      kind: "guardrail",
      name: c.policy,
      input: { stage: "output", target: "reply 1" },
      output: { reason: c.reason, outcome: "pass", findings: [] },
      attributes: { stage: "output", onViolation: "redact" },
    })),
    audit: ({ stepId, eventId }) =>
      checks.map((c) => ({
        action: "guardrail.passed",
        resourceType: "guardrail" as const,
        resourceId: stepId,
        after: c,
        metadata: { stage: "output", nodeId: "output_guard", target: "reply 1", eventId },
      })),
  };
}

/** The intent router's decision between the flow's routes. */
export function routerRun(
  random: Random,
  flow: HistoryFlow,
  messageText: string,
  chosen: string,
  threshold: number,
  confidence?: number,
): { run: NodeRun; decision: ReturnType<typeof decision> } {
  const others = flow.routes.map((r) => r.id).filter((id) => id !== chosen);
  const shuffled = others.map((id) => ({ id, k: random() })).sort((a, b) => a.k - b.k);
  const lowConfidence = confidence !== undefined && confidence < threshold;
  const d = decision(
    random,
    chosen,
    shuffled.map((o) => o.id),
    threshold,
    { confidence },
  );
  const routed = {
    ...d,
    chosen: lowConfidence ? "low_confidence" : chosen,
    lowConfidence,
    flowVersionId: flow.versionId,
  };
  return {
    decision: routed,
    run: {
      nodeId: "router",
      kind: "router",
      output: { decision: routed },
      ms: 1 + random() * (flow.slug === "banking-support" ? 60 : 8),
      children: [
        { suffix: "0", kind: "route", name: flow.labels.router, input: { text: messageText }, output: routed },
      ],
      audit: ({ eventId, conversationId }) => [
        {
          action: "routing.decided",
          resourceType: "routing_decision",
          resourceId: conversationId,
          after: routed,
          metadata: { nodeId: "router", eventId, flowVersionId: flow.versionId },
        },
      ],
    },
  };
}

/** A response node sending its fixed template (small talk, the injection refusal, start over). */
export function responseRun(random: Random, flow: HistoryFlow, nodeId: string): NodeRun {
  const reply = String(config(flow, nodeId).template ?? "");
  return {
    nodeId,
    kind: "response",
    output: { exact: true, reply },
    ms: 0.3 + random(),
    replies: [reply],
    children: [
      {
        suffix: "exact0",
        kind: "guardrail",
        name: "exact_wording",
        output: {
          policy: "exact_wording",
          reason: "Reply matches the approved wording.",
          outcome: "pass",
          findings: [],
        },
      },
    ],
    audit: ({ stepId, eventId }) => [
      {
        action: "guardrail.passed",
        resourceType: "guardrail",
        resourceId: stepId,
        after: { policy: "exact_wording", reason: "Reply matches the approved wording.", outcome: "pass" },
        metadata: { nodeId, eventId },
      },
    ],
  };
}

export function endRun(flow: HistoryFlow, nodeId = "goodbye_end"): NodeRun {
  const outcome = String(config(flow, nodeId).outcome ?? "resolved");
  return { nodeId, kind: "end", output: { outcome }, ms: 0.2 };
}

export type EscalateNode = { queue: string; priority: number; slaMinutes: number; reason: string; message: string };

export function escalateConfig(flow: HistoryFlow, nodeId: string): EscalateNode {
  const c = config(flow, nodeId);
  return {
    queue: String(c.queue ?? "general"),
    priority: Number(c.priority ?? 2),
    slaMinutes: Number(c.slaMinutes ?? 30),
    reason: String(c.reason ?? "Escalated"),
    message: String(c.message ?? ""),
  };
}

/** An escalate node: its reply, its escalation span and the escalation.created entry (the row is the caller's). */
export function escalateRun(random: Random, flow: HistoryFlow, nodeId: string, escalationId: string): NodeRun {
  const c = escalateConfig(flow, nodeId);
  return {
    nodeId,
    kind: "escalate",
    output: { queue: c.queue, reason: c.reason },
    ms: 2 + random() * 10,
    replies: c.message ? [c.message] : [],
    children: [{ suffix: "escalation", kind: "escalation", name: c.reason }],
    audit: ({ eventId }) => [
      {
        action: "escalation.created",
        resourceType: "escalation",
        resourceId: escalationId,
        after: { queue: c.queue, reason: c.reason, trigger: "escalate_node", priority: c.priority },
        metadata: { eventId },
      },
    ],
  };
}
