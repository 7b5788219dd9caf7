import type { Edge, InternalNode, Node } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { sceneBounds, snapshotScene, type SceneInput } from "@/components/flows/snapshot-scene";
import type { FlowNode } from "@/lib/model/flow/schema";
import { graph, node } from "@/tests/support/flow-builders";

// Three cards as React Flow measures them on an overview: a condition with two outputs, an agent with its tools strip
// and an order tool; a control link condition → agent and a tool permission agent → tool.
const { nodes } = graph(
  [
    node("check", "condition", {
      branches: [{ id: "when_vip", label: "VIP customer", expression: "state.vip" }],
    }),
    node("bot", "agent", {}, "Billing agent"),
    node("orders", "tool", {}, "Order lookup"),
  ],
  [],
);
const flow = (id: string) => nodes.find((n) => n.id === id)! as FlowNode;
const handle = (id: string, x: number, y: number, position: "left" | "right" | "top" | "bottom") => ({
  id,
  x,
  y,
  width: 11,
  height: 11,
  position,
  type: "source" as const,
  nodeId: "",
});

function internal(
  id: string,
  at: { x: number; y: number },
  height: number,
  source: ReturnType<typeof handle>[],
  target: ReturnType<typeof handle>[],
  selected = false,
): InternalNode<Node> {
  return {
    id,
    type: "flow",
    position: at,
    data: { node: flow(id) },
    selected,
    measured: { width: 240, height },
    internals: { positionAbsolute: at, z: 0, userNode: {} as Node, handleBounds: { source, target } },
  } as unknown as InternalNode<Node>;
}

const lookup = new Map<string, InternalNode<Node>>([
  [
    "check",
    internal(
      "check",
      { x: 0, y: 0 },
      140,
      [handle("when_vip", 234, 77, "right"), handle("else", 234, 111, "right")],
      [handle("in", 0, 30, "left")],
    ),
  ],
  [
    "bot",
    internal(
      "bot",
      { x: 400, y: 0 },
      130,
      [handle("out", 234, 77, "right"), handle("tools", 114, 114, "bottom")],
      [handle("in", 0, 30, "left")],
      true,
    ),
  ],
  ["orders", internal("orders", { x: 400, y: 300 }, 90, [], [handle("permission", 114, -5, "top")])],
]);
const edges: Edge[] = [
  { id: "check-vip-bot", source: "check", sourceHandle: "when_vip", target: "bot", targetHandle: "in" },
  { id: "perm", source: "bot", sourceHandle: "tools", target: "orders", targetHandle: "permission" },
];
const input = (over: Partial<SceneInput> = {}): SceneInput => ({
  lookup,
  edges,
  issues: {},
  trace: {},
  exclude: new Set(),
  icon: () => null,
  ...over,
});

describe("snapshotScene", () => {
  it("draws every card where React Flow measured it, each route label on its output's handle", () => {
    const scene = snapshotScene(input());
    expect(scene.cards.map((c) => [c.label, c.x, c.y, c.width, c.height])).toEqual([
      ["check", 0, 0, 240, 140],
      ["Billing agent", 400, 0, 240, 130],
      ["Order lookup", 400, 300, 240, 90],
    ]);
    const check = scene.cards[0];
    expect(check.rows.map((r) => [r.text, r.y])).toEqual([
      ["VIP customer", 82.5],
      ["else", 116.5],
    ]);
    expect(check.rows[0].right).toBeLessThan(240);
    expect(check.handles).toHaveLength(3);
    expect(scene.cards[1].toolsTop).not.toBeNull();
    expect(scene.cards[2].handles).toEqual([{ x: 119.5, y: 0.5, size: 11, tool: true }]);
  });

  it("shows selection, errors and a failed test step the way the DOM card does", () => {
    const scene = snapshotScene(
      input({
        issues: { check: { errors: 2, warnings: 1, text: "2 errors" } },
        trace: { orders: { order: 3, status: "failed", error: "timeout" } },
      }),
    );
    const [check, bot, orders] = scene.cards;
    expect(check.tone).toBe("errors");
    expect(check.badges.map((b) => b.text)).toEqual(["2"]);
    expect(bot.tone).toBe("selected");
    expect(orders.tone).toBe("failed");
    expect(orders.badges.map((b) => b.text)).toEqual(["3"]);
  });

  it("leaves out the nodes being dragged and their links, and selected links: the DOM draws those live", () => {
    const all = snapshotScene(input());
    expect(all.links.map((l) => l.tool)).toEqual([false, true]);
    expect(all.links[0].path).toMatch(/^M/);

    const dragging = snapshotScene(input({ exclude: new Set(["orders"]) }));
    expect(dragging.cards.map((c) => c.label)).toEqual(["check", "Billing agent"]);
    expect(dragging.links).toHaveLength(1);

    const selected = snapshotScene(input({ edges: [{ ...edges[0], selected: true }, edges[1]] }));
    expect(selected.links.map((l) => l.tool)).toEqual([true]);
  });

  it("bounds every card with room for what overhangs it, and nothing for an empty flow", () => {
    expect(sceneBounds(lookup, 60)).toEqual({ x: -60, y: -60, width: 760, height: 510 });
    expect(sceneBounds(new Map())).toBeNull();
  });
});
