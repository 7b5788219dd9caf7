import { describe, expect, it } from "vitest";
import { estimatedSize, freeSpot, placeNewNode } from "@/lib/model/flow/placement";
import type { FlowGraph } from "@/lib/model/flow/schema";
import { graph, link, node } from "@/tests/support/flow-builders";

const at = (g: FlowGraph, id: string, x: number, y: number): FlowGraph => ({
  ...g,
  nodes: g.nodes.map((n) => (n.id === id ? { ...n, position: { x, y } } : n)),
});

/** Whether a card of `kind`'s estimated size at `position` would overlap any node of the graph. */
function overlapsAny(g: FlowGraph, position: { x: number; y: number }, kind: "agent" | "tool" | "router") {
  const size = estimatedSize({ kind });
  return g.nodes.some((n) => {
    const s = estimatedSize(n);
    return (
      position.x < n.position.x + s.width &&
      n.position.x < position.x + size.width &&
      position.y < n.position.y + s.height &&
      n.position.y < position.y + size.height
    );
  });
}

describe("placeNewNode", () => {
  it("puts the next step to the right of the selected node, wired from its free output", () => {
    const g = at(graph([node("start", "start")], []), "start", 100, 200);
    const placed = placeNewNode(g, "agent", { anchorId: "start", centre: { x: 0, y: 0 } });
    expect(placed.position.x).toBeGreaterThan(100 + 240);
    expect(placed.position.y).toBe(200);
    expect(placed.wiring).toEqual({ kind: "control", source: "start", sourceHandle: "out", label: expect.any(String) });
  });

  it("wires from the first output with no link yet, and from none when all are linked", () => {
    const g = graph(
      [node("r", "router"), node("a", "agent"), node("b", "agent"), node("c", "agent")],
      [link("r", "a", "route_a")],
    );
    expect(placeNewNode(g, "agent", { anchorId: "r", centre: { x: 0, y: 0 } }).wiring).toMatchObject({
      sourceHandle: "route_b",
    });
    const full = graph(
      [node("r", "router"), node("a", "agent"), node("b", "agent"), node("c", "agent")],
      [link("r", "a", "route_a"), link("r", "b", "route_b"), link("r", "c", "low_confidence")],
    );
    expect(placeNewNode(full, "agent", { anchorId: "r", centre: { x: 0, y: 0 } }).wiring).toBeNull();
  });

  it("does not wire what the connection rule refuses (a node with no input)", () => {
    const g = graph([node("a", "agent")], []);
    expect(placeNewNode(g, "start", { anchorId: "a", centre: { x: 0, y: 0 } }).wiring).toBeNull();
  });

  it("puts a tool below a selected agent as one it may call; beside any other node as a step", () => {
    const g = at(graph([node("a", "agent"), node("s", "start")], []), "s", 0, 1000);
    const tool = placeNewNode(g, "tool", { anchorId: "a", centre: { x: 0, y: 0 } });
    expect(tool.wiring).toEqual({ kind: "tool", agent: "a" });
    expect(tool.position.y).toBeGreaterThan(estimatedSize({ kind: "agent" }).height);
    expect(placeNewNode(g, "tool", { anchorId: "s", centre: { x: 0, y: 0 } }).wiring).toMatchObject({
      kind: "control",
      source: "s",
    });
  });

  it("never lands on another node: beside the selected one when that spot is taken, or at the centre", () => {
    let g = graph([node("start", "start"), node("busy", "agent"), node("busy2", "agent")], []);
    g = at(at(at(g, "start", 0, 0), "busy", 320, 0), "busy2", 320, 180);
    const beside = placeNewNode(g, "agent", { anchorId: "start", centre: { x: 0, y: 0 } });
    expect(overlapsAny(g, beside.position, "agent")).toBe(false);
    const centred = placeNewNode(g, "router", { centre: { x: 120, y: 60 } });
    expect(centred.wiring).toBeNull();
    expect(overlapsAny(g, centred.position, "router")).toBe(false);
  });

  it("uses the canvas's measured sizes when it has them", () => {
    const g = at(graph([node("start", "start")], []), "start", 0, 0);
    const sizes = new Map([["start", { width: 600, height: 100 }]]);
    expect(placeNewNode(g, "agent", { anchorId: "start", centre: { x: 0, y: 0 }, sizes }).position.x).toBeGreaterThan(
      600,
    );
  });

  it("places at the centre of the view when nothing is there", () => {
    const empty = at(graph([node("start", "start")], []), "start", -2000, -2000);
    const size = estimatedSize({ kind: "agent" });
    expect(placeNewNode(empty, "agent", { centre: { x: 500, y: 300 } }).position).toEqual({
      x: Math.round(500 - size.width / 2),
      y: Math.round(300 - size.height / 2),
    });
  });
});

describe("freeSpot", () => {
  it("keeps the start when it is free and moves down past a box that is in the way", () => {
    const size = { width: 100, height: 50 };
    expect(freeSpot([], { x: 10, y: 10 }, size)).toEqual({ x: 10, y: 10 });
    const moved = freeSpot([{ x: 0, y: 0, width: 200, height: 60 }], { x: 10, y: 10 }, size);
    expect(moved.x).toBe(10);
    expect(moved.y).toBeGreaterThan(60);
  });
});

describe("a tool for an agent whose spot below is taken", () => {
  it("goes beside that spot, still one row under the agent, not further down", () => {
    let g = graph([node("a", "agent"), node("under", "agent")], []);
    const agent = estimatedSize({ kind: "agent" });
    g = at(at(g, "a", 0, 0), "under", 0, agent.height + 40);
    const placed = placeNewNode(g, "tool", { anchorId: "a", centre: { x: 0, y: 0 } });
    expect(placed.position.y).toBe(agent.height + 40);
    expect(placed.position.x).toBeGreaterThan(agent.width);
    expect(overlapsAny(g, placed.position, "tool")).toBe(false);
  });
});
