// Where a node added from the palette or the keyboard goes, and what it is wired from. Beside the selected node (to
// its right for the next step, below it for a tool it may call), otherwise where the operator is looking; in either
// case on the first free spot, never on top of another node. A free output of the selected node is wired to it, so
// "select, add, add" builds a chain without the mouse.
import { NODE_KINDS, nodeOutputs } from "./registry";
import type { FlowGraph, FlowNode, NodeKind } from "./schema";

export type Size = { width: number; height: number };
export type Point = { x: number; y: number };
type Box = Point & Size;

/** A node's size before the canvas has measured it: the card is 240 px wide; the height grows with its ports. */
export function estimatedSize(node: Pick<FlowNode, "kind"> & Partial<FlowNode>): Size {
  let outputs = 1;
  try {
    outputs = nodeOutputs(node as FlowNode).length;
  } catch {
    // a half-edited config: one row is as good a guess as any
  }
  const tools = NODE_KINDS[node.kind].toolLinks === "source" ? 20 : 0;
  return { width: 240, height: 44 + 52 + outputs * 20 + tools };
}

const GAP_X = 80;
const GAP_Y = 40;
/** Clearance kept around other nodes, so a new card never touches one. */
const MARGIN = 16;
const MAX_TRIES = 200;

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width + MARGIN &&
  b.x < a.x + a.width + MARGIN &&
  a.y < b.y + b.height + MARGIN &&
  b.y < a.y + a.height + MARGIN;

/**
 * The first spot from `start` where a `size` card touches no box: moving down a column, then a column to the right
 * (a next step stacks below its siblings), or with `across`, along a row first, then a row down (a tool stays close
 * under its agent instead of sliding below whatever sits there). Deterministic: the same graph places the same way.
 */
export function freeSpot(boxes: readonly Box[], start: Point, size: Size, across = false): Point {
  for (let outer = 0; outer * 8 < MAX_TRIES; outer++) {
    for (let inner = 0; inner < 8; inner++) {
      const [column, row] = across ? [inner, outer] : [outer, inner];
      const spot = {
        x: Math.round(start.x + column * (size.width + GAP_X)),
        y: Math.round(start.y + row * (size.height + GAP_Y)),
      };
      if (!boxes.some((box) => overlaps({ ...spot, ...size }, box))) return spot;
    }
  }
  return { x: Math.round(start.x), y: Math.round(start.y) };
}

export type Wiring =
  { kind: "control"; source: string; sourceHandle: string; label: string } | { kind: "tool"; agent: string };

export type Placement = { position: Point; wiring: Wiring | null };

/**
 * Where a new node of `kind` goes and what wires it: beside `anchorId` when there is one (wired from its first
 * output with no link yet, or as a tool the agent may call), else at `centre`. `sizes` are the canvas's measured
 * sizes by node id; unmeasured nodes use estimatedSize.
 */
export function placeNewNode(
  graph: FlowGraph,
  kind: NodeKind,
  options: { anchorId?: string | null; centre: Point; sizes?: ReadonlyMap<string, Size> },
): Placement {
  const boxes = graph.nodes.map((node) => ({
    ...node.position,
    ...(options.sizes?.get(node.id) ?? estimatedSize(node)),
  }));
  const size = estimatedSize({ kind, config: NODE_KINDS[kind].defaultConfig() } as FlowNode);
  const anchor = options.anchorId ? graph.nodes.find((node) => node.id === options.anchorId) : undefined;
  if (!anchor) {
    const start = { x: options.centre.x - size.width / 2, y: options.centre.y - size.height / 2 };
    return { position: freeSpot(boxes, start, size), wiring: null };
  }
  const anchorBox = boxes[graph.nodes.indexOf(anchor)];
  // A tool (or remote agent) added beside an agent is one it may call: below it, linked by a permission.
  if (NODE_KINDS[kind].toolLinks === "target" && NODE_KINDS[anchor.kind].toolLinks === "source") {
    const below = { x: anchorBox.x, y: anchorBox.y + anchorBox.height + GAP_Y };
    return { position: freeSpot(boxes, below, size, true), wiring: { kind: "tool", agent: anchor.id } };
  }
  const beside = { x: anchorBox.x + anchorBox.width + GAP_X, y: anchorBox.y };
  return { position: freeSpot(boxes, beside, size), wiring: freeOutput(graph, anchor, kind) };
}

/**
 * The anchor's first output with nothing linked from it yet, when a new `kind` node can be entered at all. The link
 * itself is made (and checked) by the one connection rule when the node is added (addNodeBeside); for a node that
 * does not exist yet nothing else in the rule can refuse it: it has no links, so it closes no loop.
 */
function freeOutput(graph: FlowGraph, anchor: FlowNode, kind: NodeKind): Wiring | null {
  if (!NODE_KINDS[kind].hasInput) return null;
  let ports: { id: string; label: string }[];
  try {
    ports = nodeOutputs(anchor);
  } catch {
    return null;
  }
  const used = new Set(
    graph.edges.filter((edge) => edge.kind === "control" && edge.source === anchor.id).map((e) => e.sourceHandle),
  );
  const port = ports.find((p) => !used.has(p.id));
  return port ? { kind: "control", source: anchor.id, sourceHandle: port.id, label: port.label } : null;
}
