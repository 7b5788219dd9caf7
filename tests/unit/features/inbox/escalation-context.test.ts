import { describe, expect, it } from "vitest";
import { describeEscalationContext } from "@/lib/features/inbox/escalation-context";

describe("describeEscalationContext", () => {
  it("describes a failed node with its error, intent and non-empty state", () => {
    const view = describeEscalationContext({
      trigger: "node_failed",
      nodeId: "lookup",
      nodeLabel: "Order lookup",
      intent: "order_status",
      failure: { error: "timeout after 5000 ms", attempts: 3 },
      state: { orderNumber: "A1004", slots: {}, note: "", empty: null },
    });
    expect(view).toEqual({
      trigger: "node_failed",
      triggerLabel: "Automation failed and handed over",
      node: { id: "lookup", label: "Order lookup" },
      error: "timeout after 5000 ms",
      attempts: 3,
      intent: "order_status",
      state: { orderNumber: "A1004" },
      handoffNote: null,
    });
  });

  it("says why a handoff to a contact centre fell back to the inbox", () => {
    const note = 'The handoff endpoint "Acme CC" is switched off, so this escalation came to the inbox.';
    expect(
      describeEscalationContext({ trigger: "escalate_node", handoff: { endpoint: "Acme CC", note } }).handoffNote,
    ).toBe(note);
    expect(
      describeEscalationContext({ trigger: "escalate_node", handoff: { endpoint: "Acme CC" } }).handoffNote,
    ).toBeNull();
  });

  it("copes with a missing or odd context", () => {
    expect(describeEscalationContext(null)).toMatchObject({
      trigger: "unknown",
      triggerLabel: "Not recorded",
      node: null,
      error: null,
      intent: null,
      state: {},
    });
    expect(describeEscalationContext({ trigger: "custom_thing", nodeId: "x", state: [1] })).toMatchObject({
      triggerLabel: "custom thing",
      node: { id: "x", label: "x" },
      state: {},
    });
  });
});
