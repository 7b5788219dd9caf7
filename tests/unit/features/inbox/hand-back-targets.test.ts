import { describe, expect, it } from "vitest";
import { defaultHandBackTarget, handBackTargets } from "@/lib/features/inbox/hand-back-targets";

describe("handBackTargets", () => {
  it("offers agents, then routers, then responses, labelled with their kind; nothing else", () => {
    const targets = handBackTargets([
      { id: "start", kind: "start", label: "Start" },
      { id: "r", kind: "response", label: "Goodbye" },
      { id: "router", kind: "router", label: "Intent router" },
      { id: "b", kind: "agent", label: "Refund agent" },
      { id: "a", kind: "agent", label: "Order agent" },
      { id: "human", kind: "escalate", label: "Human" },
      { id: "end", kind: "end", label: "End" },
    ]);
    expect(targets).toEqual([
      { id: "a", kind: "agent", label: "Order agent (agent)" },
      { id: "b", kind: "agent", label: "Refund agent (agent)" },
      { id: "router", kind: "router", label: "Intent router (router)" },
      { id: "r", kind: "response", label: "Goodbye (response)" },
    ]);
  });
});

describe("defaultHandBackTarget", () => {
  const targets = handBackTargets([
    { id: "router", kind: "router", label: "Intent router" },
    { id: "orders", kind: "agent", label: "Order agent" },
    { id: "refunds", kind: "agent", label: "Refund agent" },
  ]);
  const edges = [
    { source: "router", target: "human" },
    { source: "refunds", target: "human" },
  ];

  it("is the node the conversation was escalated from when a person can resume there", () => {
    expect(defaultHandBackTarget(targets, "refunds", edges)).toBe("refunds");
  });

  it("is the target that led into an escalation step, agents before routers", () => {
    expect(defaultHandBackTarget(targets, "human", edges)).toBe("refunds");
    expect(defaultHandBackTarget(targets, "human", [{ source: "router", target: "human" }])).toBe("router");
  });

  it("falls back to the first target for old rows without a node, or a node nothing leads to", () => {
    expect(defaultHandBackTarget(targets, null, edges)).toBe("orders");
    expect(defaultHandBackTarget(targets, "gone", edges)).toBe("orders");
    expect(defaultHandBackTarget([], "refunds", edges)).toBeNull();
  });
});
