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
