import { describe, expect, it } from "vitest";
import type { NodeView } from "@/lib/features/flows/version-graph";
import { prepareNodeDetail, type NodeDetailRecord } from "@/lib/features/conversations/prepare-node-detail";
import {
  prepareToolCalls,
  type ApprovalRecord,
  type ToolSpanRecord,
} from "@/lib/features/conversations/prepare-tool-calls";

const nodes: NodeView[] = [
  { id: "refund_agent", kind: "agent", label: "Refund agent", mode: "deterministic", tool: "refund_order", reply: "" },
  { id: "refund_tool", kind: "tool", label: "Refund", summary: ["Refund order", "changes data"] },
  { id: "crm", kind: "tool", label: "CRM lookup", summary: ["GET https://crm.example/…"] },
  {
    id: "router",
    kind: "router",
    label: "Intent router",
    strategy: "classifier",
    threshold: 0.5,
    routes: ["a", "b", "c", "d", "e", "f"].map((id) => ({ id, label: id.toUpperCase(), exampleCount: 1, samples: [] })),
  },
];

function span(id: string, fields: Partial<ToolSpanRecord> = {}): ToolSpanRecord {
  return {
    id,
    stepId: "e1:2",
    name: "refund_order",
    status: "ok",
    input: { amount: 10 },
    output: { refunded: "$10.00" },
    error: null,
    attributes: { toolNodeId: "refund_tool", source: "builtin" },
    durationMs: 3,
    ...fields,
  };
}

function step(fields: Partial<NodeDetailRecord> = {}): NodeDetailRecord {
  return {
    id: "e1:2",
    seq: 2,
    branch: null,
    attempts: 1,
    nodeId: "refund_agent",
    nodeKind: "agent",
    status: "completed",
    input: { text: "refund A1001" },
    output: { reply: "Done.", stateChanges: [{ path: "refund", after: { refunded: "$10.00" } }] },
    error: null,
    startedAt: new Date(0),
    endedAt: new Date(12),
    ...fields,
  };
}

describe("a step's tool calls", () => {
  it("name the tool by its node's label and say what stopped a call: the matrix, a limit, verification, approval", () => {
    const spans = [
      span("e1:2:0"),
      span("e1:2:1", {
        name: "crm",
        status: "error",
        error: "Refund agent is not allowed to use CRM lookup.",
        attributes: { toolNodeId: "crm", denied: "not_permitted" },
      }),
      span("e1:2:2", {
        status: "error",
        error: "The refund_order limit of 3 calls per conversation has been reached.",
        attributes: { toolNodeId: "refund_tool", denied: "rate_limited" },
      }),
      span("e1:2:3", { status: "error", error: "not yours", attributes: { denied: "not_own_record" } }),
      span("e1:2:4", { status: "error", error: "approval rejected", attributes: { toolNodeId: "refund_tool" } }),
      span("e1:2:5", { status: "error", error: "HTTP 503", output: undefined, attributes: { toolNodeId: "crm" } }),
    ];
    const approvals: ApprovalRecord[] = [
      {
        id: "ap1",
        stepId: "e1:2",
        tool: "refund_order",
        input: { amount: 500 },
        amount: 500,
        threshold: 100,
        reason: "refund_order with amount 500.00 is above 100",
        status: "pending",
        note: null,
      },
    ];
    const calls = prepareToolCalls(spans, approvals, nodes);
    expect(calls.map((c) => [c.label, c.status, c.stoppedBy])).toEqual([
      ["Refund", "ok", null],
      ["CRM lookup", "error", "matrix"],
      ["Refund", "error", "rate_limit"],
      // No node id on the span: the built-in's name finds its tool node.
      ["Refund", "error", "verification"],
      ["Refund", "error", "approval"],
      ["CRM lookup", "error", null],
      ["Refund", "waiting", "approval"],
    ]);
    expect(calls[0]).toMatchObject({ input: { amount: 10 }, output: { refunded: "$10.00" }, stopReason: null });
    expect(calls[1].stopReason).toBe("Refund agent is not allowed to use CRM lookup.");
    expect(calls[4].stopReason).toBe("A person reviewed the call and rejected it.");
    expect(calls[5]).toMatchObject({ error: "HTTP 503", output: null, stopReason: null });
    expect(calls[6].stopReason).toBe("Waits for a person's approval: refund_order with amount 500.00 is above 100.");
  });
});

describe("a node of a test turn", () => {
  it("carries its input, output, reply, state changes and only its own tool calls", () => {
    const detail = prepareNodeDetail(step(), nodes, [span("e1:2:0"), span("e1:3:0", { stepId: "e1:3" })], []);
    expect(detail).toMatchObject({
      nodeLabel: "Refund agent",
      input: { text: "refund A1001" },
      reply: "Done.",
      callsTools: true,
      durationMs: 12,
      decision: null,
    });
    expect(detail.toolCalls.map((c) => c.id)).toEqual(["e1:2:0"]);
    expect(detail.stateChanges.lines).toEqual([
      { path: "refund", change: "added", before: null, after: '{"refunded":"$10.00"}' },
    ]);
  });

  it("gives a router every recorded candidate, not the transcript's top three, and says it calls no tools", () => {
    const candidates = ["a", "b", "c", "d", "e"].map((intent, i) => ({ intent, score: 0.9 - i * 0.1 }));
    const detail = prepareNodeDetail(
      step({
        nodeId: "router",
        nodeKind: "router",
        output: { decision: { chosen: "a", predicted: "a", confidence: 0.9, threshold: 0.5, candidates } },
      }),
      nodes,
      [],
      [],
    );
    expect(detail.decision?.candidates.map((c) => c.label)).toEqual(["A", "B", "C", "D", "E"]);
    expect(detail.decision).toMatchObject({ chosenLabel: "A", threshold: 0.5, candidateTotal: 5 });
    expect(detail.decision?.routes).toHaveLength(6);
    expect(detail).toMatchObject({ callsTools: false, toolCalls: [], reply: null });
  });
});
