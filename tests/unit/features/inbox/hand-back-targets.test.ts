import { describe, expect, it } from "vitest";
import { handBackTargets } from "@/lib/features/inbox/hand-back-targets";

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
