import { describe, expect, it } from "vitest";
import { pickConversationId, resourceRefs } from "@/lib/features/audit/resource-refs";

const entry = (over: Partial<Parameters<typeof pickConversationId>[0]>) => ({
  actorType: "user",
  actorId: "u1",
  resourceType: "flow",
  resourceId: "f1",
  metadata: null,
  ...over,
});

describe("what an audit entry points at", () => {
  it("maps resource types to the rows to look up", () => {
    expect(resourceRefs(entry({}))).toEqual([{ kind: "flow", id: "f1" }]);
    expect(resourceRefs(entry({ resourceType: "tool_call", resourceId: "a1" }))).toEqual([
      { kind: "approval", id: "a1" },
    ]);
    expect(resourceRefs(entry({ resourceType: "membership", resourceId: "u2" }))).toEqual([{ kind: "user", id: "u2" }]);
    expect(resourceRefs(entry({ resourceType: "audit_log", resourceId: "7" }))).toEqual([]);
    expect(resourceRefs(entry({ resourceId: null }))).toEqual([]);
  });

  it("finds the conversation from the resource, the metadata or the engine's actor", () => {
    expect(pickConversationId(entry({ resourceType: "routing_decision", resourceId: "c1" }))).toBe("c1");
    expect(pickConversationId(entry({ resourceType: "review_item", metadata: { conversationId: "c2" } }))).toBe("c2");
    expect(pickConversationId(entry({ resourceType: "tool_call", actorType: "agent", actorId: "c3" }))).toBe("c3");
    expect(pickConversationId(entry({}))).toBeUndefined();
  });
});
