// bench/trace-render.ts's conversation: SPANS spans and their steps over TURNS turns of the Retail flow's path (runs,
// nodes, routing, LLM calls with retries, tools, guardrails), generated in memory.
import { randomUUID } from "node:crypto";
import { SPANS, TURNS } from "./config";

export type GraphNode = { id: string; kind: string; label: string; config?: { routes?: { id: string }[] } };

export type SpanRow = {
  id: string;
  parentId: string | null;
  stepId: string | null;
  eventId: string;
  kind: string;
  name: string;
  status: "ok" | "error";
  startedAt: Date;
  durationMs: number;
  input: unknown;
  output: unknown;
  error: string | null;
  attributes: unknown;
  tokensIn: number | null;
  tokensOut: number | null;
  costUsd: number | null;
};

export type StepRow = {
  id: string;
  eventId: string;
  turn: number;
  seq: number;
  node: GraphNode;
  startedAt: Date;
  durationMs: number;
  attempts: number;
  output: unknown;
};

/** Spans and steps for one conversation: per turn a run, the steps of the Retail flow's path, and their children. */
export function generate(nodes: GraphNode[], conversationStart: Date) {
  const spans: SpanRow[] = [];
  const steps: StepRow[] = [];
  const messages: { role: string; author: string | null; text: string; at: Date }[] = [];
  const byKind = (kind: string) => nodes.filter((n) => n.kind === kind);
  const pathKinds = ["guardrail", "router", "agent", "tool", "response", "guardrail"];
  const path = pathKinds
    .map((kind, i) => byKind(kind)[i % Math.max(1, byKind(kind).length)])
    .filter(Boolean) as GraphNode[];
  const perTurn = Math.ceil(SPANS / TURNS);
  let clock = conversationStart.getTime();

  for (let turn = 1; turn <= TURNS && spans.length < SPANS; turn++) {
    const eventId = `bench-ev-${randomUUID()}`;
    const turnStart = clock;
    messages.push({
      role: "customer",
      author: null,
      text: `Turn ${turn}: where is my order A10${turn.toString().padStart(2, "0")}?`,
      at: new Date(turnStart),
    });
    const budget = Math.min(perTurn, SPANS - spans.length);
    const turnSpans: SpanRow[] = [];
    const add = (span: Omit<SpanRow, "eventId">) => turnSpans.push({ ...span, eventId });
    add({
      id: `${eventId}:run`,
      parentId: null,
      stepId: null,
      kind: "run",
      name: "customer_message",
      status: "ok",
      startedAt: new Date(turnStart),
      durationMs: 0,
      input: null,
      output: null,
      error: null,
      attributes: { steps: 0, status: "active" },
      tokensIn: null,
      tokensOut: null,
      costUsd: null,
    });
    let seq = 0;
    let t = turnStart + 2;
    while (turnSpans.length < budget) {
      const node = path[seq % path.length];
      seq += 1;
      const stepId = `${eventId}:${seq}`;
      const start = t;
      const retried = node.kind === "agent" && seq % 3 === 1;
      const children: Omit<SpanRow, "eventId">[] = [];
      const child = (kind: string, name: string, extra: Partial<SpanRow> = {}, parentId = stepId) =>
        children.push({
          id: `${parentId}:${children.length}`,
          parentId,
          stepId,
          kind,
          name,
          status: "ok",
          startedAt: new Date(start),
          durationMs: 5 + (children.length % 7) * 11,
          input: { text: "where is my order", state: { customer: { tier: "gold" } } },
          output: { ok: true, note: "x".repeat(80) },
          error: null,
          attributes: null,
          tokensIn: null,
          tokensOut: null,
          costUsd: null,
          ...extra,
        });
      if (retried) {
        const attemptId = `${stepId}:attempt1`;
        children.push({
          id: attemptId,
          parentId: stepId,
          stepId,
          kind: "node",
          name: `${node.label} (attempt 1)`,
          status: "error",
          startedAt: new Date(start),
          durationMs: 120,
          input: null,
          output: null,
          error: "Upstream model timed out after 100 ms",
          attributes: { attempt: 1, retriable: true },
          tokensIn: null,
          tokensOut: null,
          costUsd: null,
        });
        child(
          "llm",
          "chat.completions",
          { status: "error", error: "timeout", attributes: { model: "gpt-4o-mini" } },
          attemptId,
        );
      }
      if (node.kind === "router") {
        child("route", "intent classifier", { attributes: { strategy: "classifier" } });
        child("llm", "chat.completions", {
          tokensIn: 412,
          tokensOut: 18,
          costUsd: 0.00007,
          attributes: { model: "gpt-4o-mini" },
        });
      } else if (node.kind === "agent") {
        child("llm", "chat.completions", {
          tokensIn: 1180,
          tokensOut: 96,
          costUsd: 0.00024,
          attributes: { model: "gpt-4o-mini", retries: retried ? 1 : 0 },
        });
        child("tool", "lookup_order", { attributes: { idempotencyKey: `${stepId}:lookup_order` } });
        child("guardrail", "pii", { output: { outcome: "pass" } });
        child("llm", "chat.completions", {
          tokensIn: 1320,
          tokensOut: 140,
          costUsd: 0.0003,
          attributes: { model: "gpt-4o-mini" },
        });
      } else if (node.kind === "guardrail") {
        child("guardrail", "blocked_content", {
          output: { outcome: seq % 11 === 0 ? "block" : "pass" },
          status: seq % 11 === 0 ? "error" : "ok",
          error: seq % 11 === 0 ? "Blocked content" : null,
        });
      } else if (node.kind === "tool") {
        child("tool", node.label, { durationMs: 80 });
      } else {
        child("guardrail", "exact_wording", { output: { outcome: "pass" } });
      }
      const duration = Math.max(10, ...children.map((c) => c.durationMs)) + (retried ? 140 : 8);
      const output =
        node.kind === "router"
          ? {
              decision: {
                strategy: "classifier",
                chosen: node.config?.routes?.[0]?.id ?? "order_status",
                predicted: node.config?.routes?.[0]?.id ?? "order_status",
                confidence: 0.91,
                threshold: 0.55,
                lowConfidence: false,
                candidates: (node.config?.routes ?? []).map((r, i) => ({
                  intent: r.id,
                  score: Math.max(0.01, 0.91 - i * 0.2),
                })),
              },
              stateChanges: [{ path: "intent.id", before: "greeting", after: "order_status" }],
            }
          : {
              reply: node.kind === "agent" ? "Your order is on its way." : undefined,
              stateChanges: node.kind === "agent" ? [{ path: "order.number", after: `A10${turn}` }] : undefined,
            };
      if (turnSpans.length + 1 + children.length > budget && turnSpans.length > 1) break;
      add({
        id: stepId,
        parentId: `${eventId}:run`,
        stepId,
        kind: "node",
        name: node.label,
        status: "ok",
        startedAt: new Date(start),
        durationMs: duration,
        input: { text: "where is my order" },
        output,
        error: null,
        attributes: { nodeId: node.id, nodeKind: node.kind, attempts: retried ? 2 : 1 },
        tokensIn: null,
        tokensOut: null,
        costUsd: null,
      });
      for (const c of children) turnSpans.push({ ...c, eventId });
      steps.push({
        id: stepId,
        eventId,
        turn,
        seq,
        node,
        startedAt: new Date(start),
        durationMs: duration,
        attempts: retried ? 2 : 1,
        output,
      });
      t = start + duration + 1;
    }
    turnSpans[0].durationMs = t - turnStart;
    spans.push(...turnSpans);
    messages.push({
      role: "agent",
      author: "Order tracker",
      text: `Order A10${turn} is on its way with UPS.`,
      at: new Date(t),
    });
    clock = t + 20_000;
  }
  // Top up to exactly SPANS with guardrail checks on the last run (rare, only when the budget did not divide evenly).
  const lastRun = spans.filter((s) => s.kind === "run").at(-1)!;
  while (spans.length < SPANS) {
    spans.push({
      ...lastRun,
      id: `${lastRun.id}:extra${spans.length}`,
      parentId: lastRun.id,
      kind: "guardrail",
      name: "exact_wording",
      durationMs: 0,
    });
  }
  return { spans: spans.slice(0, SPANS), steps, messages };
}
