// Orchestration patterns on the durable engine: parallel fan-out with joins, sub-flows with explicit context, and
// fallback edges for nodes that fail.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { publishedFlow, sendTurn } from "@/tests/support/engine";

const at = (x: number) => ({ x, y: 0 });

function fanOut(mode: "all" | "any"): FlowGraphInput {
  return {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", label: "Start", position: at(0), config: {} },
      {
        id: "fork",
        kind: "parallel",
        label: "Fork",
        position: at(100),
        config: {
          branches: [
            { id: "a", label: "A" },
            { id: "b", label: "B" },
          ],
        },
      },
      {
        id: "setA",
        kind: "set_memory",
        label: "Set A",
        position: at(200),
        config: { assignments: [{ key: "a", value: "alpha" }] },
      },
      {
        id: "setB",
        kind: "set_memory",
        label: "Set B",
        position: at(200),
        config: { assignments: [{ key: "b", value: "beta" }] },
      },
      { id: "join", kind: "join", label: "Join", position: at(300), config: { mode } },
      {
        id: "say",
        kind: "response",
        label: "Say",
        position: at(400),
        config: { template: mode === "all" ? "{{state.a}} and {{state.b}}" : "joined" },
      },
    ],
    edges: [
      { id: "e1", source: "start", target: "fork" },
      { id: "e2", source: "fork", sourceHandle: "a", target: "setA" },
      { id: "e3", source: "fork", sourceHandle: "b", target: "setB" },
      { id: "e4", source: "setA", target: "join" },
      { id: "e5", source: "setB", target: "join" },
      { id: "e6", source: "join", target: "say" },
    ],
  };
}

async function run(graph: FlowGraphInput, text = "go", slug?: string, into?: { workspaceId: string }) {
  const { workspace, flow } = await publishedFlow(graph, slug, into);
  const conversation = await startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "api" });
  const turn = await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text });
  const steps = await db().step.findMany({ where: { conversationId: conversation.id }, orderBy: { seq: "asc" } });
  return { workspace, conversation, turn, steps };
}

describe("parallel fan-out", () => {
  it("runs both branches in one wave and continues once when all have joined, with both branches' state", async () => {
    const { turn, steps } = await run(fanOut("all"));
    expect(turn.replies.map((r) => r.text)).toEqual(["alpha and beta"]);
    expect(steps.map((s) => [s.nodeId, s.branch])).toEqual([
      ["start", null],
      ["fork", null],
      ["setA", "fork/a"],
      ["setB", "fork/b"],
      ["join", "fork/a"],
      ["join", "fork/b"],
      ["say", null],
    ]);
    expect(steps[5].output).toMatchObject({ joined: true, arrived: ["a", "b"] });
  });

  it("with join any, continues on the first arrival and drops the rest", async () => {
    const { turn, steps } = await run(fanOut("any"));
    expect(turn.replies.map((r) => r.text)).toEqual(["joined"]);
    expect(steps.filter((s) => s.nodeId === "say")).toHaveLength(1);
    expect(steps.find((s) => s.nodeId === "join")?.output).toMatchObject({ joined: true, needed: 1 });
  });
});

describe("sub-flows", () => {
  it("delegates with only the context passed explicitly, and hands the child's result back", async () => {
    const child: FlowGraphInput = {
      schemaVersion: 1,
      nodes: [
        { id: "start", kind: "start", label: "Start", position: at(0), config: {} },
        {
          id: "work",
          kind: "set_memory",
          label: "Work",
          position: at(100),
          config: { assignments: [{ key: "answer", value: "checked {{state.topic}}; secret={{state.secret}}" }] },
        },
        { id: "end", kind: "end", label: "Done", position: at(200), config: {} },
      ],
      edges: [
        { id: "c1", source: "start", target: "work" },
        { id: "c2", source: "work", target: "end" },
      ],
    };
    const { workspace } = await publishedFlow(child, "specialist");
    const parent: FlowGraphInput = {
      schemaVersion: 1,
      nodes: [
        { id: "start", kind: "start", label: "Start", position: at(0), config: {} },
        {
          id: "ctx",
          kind: "set_memory",
          label: "Context",
          position: at(100),
          config: {
            assignments: [
              { key: "topic", value: "billing" },
              { key: "secret", value: "do-not-pass" },
            ],
          },
        },
        {
          id: "call",
          kind: "subflow",
          label: "Ask specialist",
          position: at(200),
          config: { flowSlug: "specialist", pass: ["topic"] },
        },
        {
          id: "say",
          kind: "response",
          label: "Say",
          position: at(300),
          config: { template: "Specialist: {{state.subflows.call.answer}}" },
        },
      ],
      edges: [
        { id: "p1", source: "start", target: "ctx" },
        { id: "p2", source: "ctx", target: "call" },
        { id: "p3", source: "call", target: "say" },
      ],
    };
    const { turn, conversation } = await run(parent, "go", "supervisor", { workspaceId: workspace.id });
    // The child never saw what was not passed: its template had nothing to fill for state.secret.
    expect(turn.replies.map((r) => r.text)).toEqual(["Specialist: checked billing; secret="]);
    const state = (await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).state as Record<
      string,
      unknown
    >;
    expect(state.subflows).toEqual({ call: { topic: "billing", answer: "checked billing; secret=" } });
  });
});

describe("failures", () => {
  it("takes a node's fallback edge when it fails for good, and records the failed step", async () => {
    const graph: FlowGraphInput = {
      schemaVersion: 1,
      nodes: [
        { id: "start", kind: "start", label: "Start", position: at(0), config: {} },
        {
          id: "guard",
          kind: "tool",
          label: "Guard",
          position: at(100),
          policy: { onError: "fallback", retries: 2 },
          config: {
            source: "http",
            http: { method: "GET", url: "http://10.0.0.9/check", headers: [], timeoutMs: 1000, responseMap: "" },
          },
        },
        {
          id: "plan_b",
          kind: "response",
          label: "Plan B",
          position: at(200),
          config: { template: "Taking the safe path." },
        },
      ],
      edges: [
        { id: "e1", source: "start", target: "guard" },
        { id: "e2", source: "guard", sourceHandle: "error", target: "plan_b" },
      ],
    };
    const { turn, steps } = await run(graph);
    expect(turn.conversation.status).toBe("active");
    expect(turn.replies.map((r) => r.text)).toEqual(["Taking the safe path."]);
    // Not retriable (the SSRF guard refuses a private address), so tried once despite retries: 2.
    expect(steps.map((s) => [s.nodeId, s.status, s.attempts])).toEqual([
      ["start", "completed", 1],
      ["guard", "failed", 1],
      ["plan_b", "completed", 1],
    ]);
  });
});
