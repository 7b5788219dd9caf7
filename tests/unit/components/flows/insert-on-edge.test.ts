import { describe, expect, it } from "vitest";
import { addNodeOfKind, insertOnEdge } from "@/components/flows/graph-operations";
import { graph, link, node, orderTool, permit } from "@/tests/support/flow-builders";

const base = graph(
  [
    node("start", "start"),
    node("greet", "response", { template: "Hello!" }),
    node("bot", "agent"),
    orderTool("orders"),
  ],
  [link("start", "greet"), link("greet", "bot"), permit("bot", "orders")],
);

describe("insertOnEdge", () => {
  it("puts a node between the two ends of a link: source → node → old target", () => {
    const { graph: withNode, id } = addNodeOfKind(base, "condition", { x: 0, y: 0 });
    const result = insertOnEdge(withNode, "greet-out-bot", id);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const links = result.graph.edges
      .filter((e) => e.kind === "control")
      .map((e) => `${e.source}:${e.sourceHandle}→${e.target}`);
    expect(links).toContain(`greet:out→${id}`);
    expect(links).toContain(`${id}:when_1→bot`);
    expect(links).not.toContain("greet:out→bot");
    expect(result.graph.edges.filter((e) => e.kind === "tool")).toHaveLength(1);
  });

  it("refuses a tool permission and a node that cannot sit between steps, changing nothing", () => {
    const { graph: withTool, id: toolId } = addNodeOfKind(base, "condition", { x: 0, y: 0 });
    const onPermission = insertOnEdge(withTool, "perm-bot-orders", toolId);
    expect(onPermission).toEqual({ ok: false, reason: expect.stringContaining("not on a tool permission") });

    const { graph: withEnd, id: endId } = addNodeOfKind(base, "end", { x: 0, y: 0 });
    expect(insertOnEdge(withEnd, "greet-out-bot", endId)).toEqual({
      ok: false,
      reason: expect.stringContaining("cannot sit between two steps"),
    });
    expect(insertOnEdge(withEnd, "no-such-link", endId).ok).toBe(false);
  });
});

describe("addNodeOfKind", () => {
  it("makes the id from the label people read, and keeps it unique", () => {
    const first = addNodeOfKind(base, "escalate", { x: 0, y: 0 });
    expect(first.id).toBe("human_escalation");
    expect(first.graph.nodes.at(-1)?.label).toBe("Human escalation");
    const second = addNodeOfKind(first.graph, "escalate", { x: 0, y: 0 });
    expect(second).toMatchObject({ id: "human_escalation_2" });
    expect(second.graph.nodes.at(-1)?.label).toBe("Human escalation 2");
    // "bot" is an agent already: the next one is "Agent 2", id agent_2.
    expect(addNodeOfKind(base, "agent", { x: 0, y: 0 }).id).toBe("agent_2");
    // An id the label would give is taken by another node: a suffix keeps it unique.
    const clash = graph([node("start", "start"), node("router", "response", { template: "Hi" })], []);
    expect(addNodeOfKind(clash, "router", { x: 0, y: 0 }).id).toBe("router_1");
  });
});
