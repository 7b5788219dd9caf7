import { describe, expect, it } from "vitest";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import { flowNodeSchema, type NodeOf } from "@/lib/model/flow/schema";

const node = (config: Record<string, unknown>) =>
  flowNodeSchema.parse({
    id: "human",
    kind: "escalate",
    label: "To a person",
    position: { x: 0, y: 0 },
    config: { reason: "Asked for a person", message: "A colleague will reply.", ...config },
  }) as NodeOf<"escalate">;

describe("the escalate node's handoff setting", () => {
  it("is optional: without it the escalation goes to the inbox and the canvas says nothing more", () => {
    const inbox = node({});
    expect(inbox.config.handoff).toBeUndefined();
    expect(NODE_KINDS.escalate.summary(inbox)).toEqual(["general · P2 · SLA 15 min", "Asked for a person"]);
    expect(NODE_KINDS.escalate.summary(node({ handoff: "" }))).toHaveLength(2);
  });

  it("names a handoff endpoint, shown on the canvas", () => {
    const external = node({ handoff: "  Acme CC " });
    expect(external.config.handoff).toBe("Acme CC");
    expect(NODE_KINDS.escalate.summary(external)).toContain("→ Acme CC");
    expect(
      flowNodeSchema.safeParse({ ...external, config: { ...external.config, handoff: "x".repeat(81) } }).success,
    ).toBe(false);
  });
});
