// Links as plain geometry, for drawing all of a zoomed-out canvas's links as a few paths and for finding the link
// under the pointer without a DOM element per link. The curve is React Flow's own bezier (same control points), so
// a link looks the same whichever way it is drawn. Pure.

export type Side = "left" | "right" | "top" | "bottom";
export type Point = { x: number; y: number };
export type Anchor = Point & { side: Side };
/** A handle's box inside its node, as React Flow measures it. */
export type HandleBox = { id?: string | null; x: number; y: number; width: number; height: number; position: Side };
export type Curve = [Point, Point, Point, Point];

/** Where a link meets a handle: the middle of the handle's outer side. */
export function anchorOf(node: Point, handle: HandleBox): Anchor {
  const x = node.x + handle.x;
  const y = node.y + handle.y;
  switch (handle.position) {
    case "left":
      return { x, y: y + handle.height / 2, side: "left" };
    case "right":
      return { x: x + handle.width, y: y + handle.height / 2, side: "right" };
    case "top":
      return { x: x + handle.width / 2, y, side: "top" };
    case "bottom":
      return { x: x + handle.width / 2, y: y + handle.height, side: "bottom" };
  }
}

const CURVATURE = 0.25;
const offset = (distance: number) => (distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance));

function control(from: Anchor, to: Point): Point {
  switch (from.side) {
    case "left":
      return { x: from.x - offset(from.x - to.x), y: from.y };
    case "right":
      return { x: from.x + offset(to.x - from.x), y: from.y };
    case "top":
      return { x: from.x, y: from.y - offset(from.y - to.y) };
    case "bottom":
      return { x: from.x, y: from.y + offset(to.y - from.y) };
  }
}

export function linkCurve(source: Anchor, target: Anchor): Curve {
  return [source, control(source, target), control(target, source), target];
}

const r = (n: number) => Math.round(n * 10) / 10;

export function curvePath([a, b, c, d]: Curve): string {
  return `M${r(a.x)},${r(a.y)}C${r(b.x)},${r(b.y)} ${r(c.x)},${r(c.y)} ${r(d.x)},${r(d.y)}`;
}

/** A filled triangle whose tip is the target anchor, pointing into the node. */
export function arrowPath(target: Anchor, size: number): string {
  const h = size / 2;
  const { x, y } = target;
  switch (target.side) {
    case "left":
      return `M${r(x)},${r(y)}L${r(x - size)},${r(y - h)}L${r(x - size)},${r(y + h)}Z`;
    case "right":
      return `M${r(x)},${r(y)}L${r(x + size)},${r(y - h)}L${r(x + size)},${r(y + h)}Z`;
    case "top":
      return `M${r(x)},${r(y)}L${r(x - h)},${r(y - size)}L${r(x + h)},${r(y - size)}Z`;
    case "bottom":
      return `M${r(x)},${r(y)}L${r(x - h)},${r(y + size)}L${r(x + h)},${r(y + size)}Z`;
  }
}

function pointAt([a, b, c, d]: Curve, t: number): Point {
  const u = 1 - t;
  const w = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return { x: w[0] * a.x + w[1] * b.x + w[2] * c.x + w[3] * d.x, y: w[0] * a.y + w[1] * b.y + w[2] * c.y + w[3] * d.y };
}

function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = dx * dx + dy * dy;
  const t = length ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length)) : 0;
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Distance from `point` to the curve (along 32 straight pieces: well under a pixel off at any canvas zoom). */
export function distanceToCurve(point: Point, curve: Curve): number {
  let best = Infinity;
  let previous = curve[0];
  for (let i = 1; i <= 32; i++) {
    const next = pointAt(curve, i / 32);
    best = Math.min(best, segmentDistance(point, previous, next));
    previous = next;
  }
  return best;
}
