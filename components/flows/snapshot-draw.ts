// Draws a zoomed-out canvas (overview cards and their links) into one 2D canvas: the picture a large flow shows
// while it is being panned, zoomed or dragged (overview-snapshot.tsx). Painting 500 DOM cards on every frame of a
// gesture is what held a fitted 500-node flow under 20 fps; one bitmap moves with the view for free. The cards follow
// flow-card.tsx's geometry with OVERVIEW_TEXT, so the picture and the DOM it stands in for line up. No React.
import type { NodeCategory } from "@/lib/model/flow/registry";
import { CATEGORY_CHIP_COLOR, CATEGORY_COLOR } from "./kind-meta";
import { OVERVIEW_TEXT, wrapTitle } from "./route-labels";

export type SnapshotTone = "plain" | "selected" | "errors" | "traced" | "failed";
export type SnapshotHandle = { x: number; y: number; size: number; tool: boolean };
export type SnapshotRow = { text: string; y: number; right: number };

export type SnapshotCard = {
  x: number;
  y: number;
  width: number;
  height: number;
  category: NodeCategory;
  label: string;
  /** Route labels, each centred on its output's handle. */
  rows: SnapshotRow[];
  /** Top of the output rows (their border), or null when the node has none. */
  rowsTop: number | null;
  /** Top of the agent's dashed tools strip, or null. */
  toolsTop: number | null;
  handles: SnapshotHandle[];
  tone: SnapshotTone;
  /** The counters flow-node.tsx pins to the corner: issues, then the test step. */
  badges: { text: string; fill: string; ink: string }[];
  icon: CanvasImageSource | null;
};

/** A link as SVG path data (edge-geometry.ts), which Path2D reads as it is. */
export type SnapshotLink = { path: string; arrow: string; tool: boolean };
export type Snapshot = { cards: SnapshotCard[]; links: SnapshotLink[] };

const M = OVERVIEW_TEXT;
const BORDER_LEFT = 6;
const RADIUS = 8;
const TITLE_TOP = 1 + M.chip * 0.6;
const CHIP_AT = BORDER_LEFT - M.chip * 0.4;

const TONES: Record<SnapshotTone, { border: string; ring: string | null; ringWidth: number }> = {
  plain: { border: "#cbd5e1", ring: null, ringWidth: 0 },
  selected: { border: "#6366f1", ring: "rgba(99,102,241,0.4)", ringWidth: 2 },
  errors: { border: "#fda4af", ring: null, ringWidth: 0 },
  traced: { border: "#0ea5e9", ring: "rgba(56,189,248,0.4)", ringWidth: 4 },
  failed: { border: "#e11d48", ring: "rgba(244,63,94,0.4)", ringWidth: 4 },
};

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

function drawCard(ctx: CanvasRenderingContext2D, card: SnapshotCard, font: string) {
  const { x, y, width: w, height: h } = card;
  const tone = TONES[card.tone];
  if (tone.ring) {
    roundRect(ctx, x - tone.ringWidth, y - tone.ringWidth, w + 2 * tone.ringWidth, h + 2 * tone.ringWidth, RADIUS + 2);
    ctx.fillStyle = tone.ring;
    ctx.fill();
  }
  // Border colour underneath, white body inset by the borders (6 px on the left in the category's colour).
  roundRect(ctx, x, y, w, h, RADIUS);
  ctx.fillStyle = tone.border;
  ctx.fill();
  ctx.save();
  ctx.clip();
  ctx.fillStyle = CATEGORY_COLOR[card.category];
  ctx.fillRect(x, y, BORDER_LEFT, h);
  ctx.restore();
  roundRect(ctx, x + BORDER_LEFT, y + 1, w - BORDER_LEFT - 1, h - 2, RADIUS - 1);
  ctx.fillStyle = "#ffffff";
  ctx.fill();

  if (card.rowsTop !== null) {
    ctx.fillStyle = "#f1f5f9";
    ctx.fillRect(x + BORDER_LEFT, y + card.rowsTop, w - BORDER_LEFT - 1, 1);
  }
  if (card.toolsTop !== null) {
    ctx.fillStyle = "rgba(255,251,235,0.6)";
    ctx.fillRect(x + BORDER_LEFT, y + card.toolsTop, w - BORDER_LEFT - 1, h - card.toolsTop - 1);
    ctx.strokeStyle = "#fde68a";
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.moveTo(x + BORDER_LEFT, y + card.toolsTop + 0.5);
    ctx.lineTo(x + w - 1, y + card.toolsTop + 0.5);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  ctx.fillStyle = "#0f172a";
  ctx.font = `600 ${M.titleFont}px ${font}`;
  ctx.textBaseline = "middle";
  ctx.textAlign = "left";
  wrapTitle(card.label, M).lines.forEach((line, i) =>
    ctx.fillText(line, x + BORDER_LEFT + M.pad, y + TITLE_TOP + M.titleLine * (i + 0.5)),
  );
  ctx.fillStyle = "#334155";
  ctx.font = `400 ${M.labelFont}px ${font}`;
  ctx.textAlign = "right";
  for (const row of card.rows) ctx.fillText(row.text, x + row.right, y + row.y);

  for (const handle of card.handles) drawHandle(ctx, x + handle.x, y + handle.y, handle);
  drawChip(ctx, card);
  drawBadges(ctx, card, font);
}

function drawHandle(ctx: CanvasRenderingContext2D, cx: number, cy: number, handle: SnapshotHandle) {
  const r = handle.size / 2;
  ctx.beginPath();
  if (handle.tool) ctx.roundRect(cx - r, cy - r, handle.size, handle.size, 2);
  else ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.fillStyle = handle.tool ? "#f59e0b" : "#64748b";
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = "#ffffff";
  ctx.stroke();
}

function drawChip(ctx: CanvasRenderingContext2D, card: SnapshotCard) {
  const left = card.x + CHIP_AT;
  const top = card.y + 1 - M.chip * 0.4;
  roundRect(ctx, left - 2, top - 2, M.chip + 4, M.chip + 4, 8);
  ctx.fillStyle = "#ffffff";
  ctx.fill();
  roundRect(ctx, left, top, M.chip, M.chip, 6);
  ctx.fillStyle = CATEGORY_CHIP_COLOR[card.category].fill;
  ctx.fill();
  if (card.icon) ctx.drawImage(card.icon, left + M.chip * 0.2, top + M.chip * 0.2, M.chip * 0.6, M.chip * 0.6);
}

function drawBadges(ctx: CanvasRenderingContext2D, card: SnapshotCard, font: string) {
  // flow-card.tsx pins the badges 8 px right of and 12 px above the card's top right corner, and scales them (11 px
  // type, 20 px tall) by the title's size over 13 px from there.
  const scale = M.titleFont / 13;
  const height = 20 * scale;
  const top = card.y - 12;
  let right = card.x + card.width + 8;
  ctx.font = `600 ${11 * scale}px ${font}`;
  ctx.textAlign = "center";
  for (const badge of [...card.badges].reverse()) {
    const width = Math.max(height, ctx.measureText(badge.text).width + 12 * scale);
    roundRect(ctx, right - width, top, width, height, height / 2);
    ctx.fillStyle = badge.fill;
    ctx.fill();
    ctx.fillStyle = badge.ink;
    ctx.fillText(badge.text, right - width / 2, top + height / 2);
    right -= width + 4 * scale;
  }
}

function drawLinks(ctx: CanvasRenderingContext2D, links: SnapshotLink[], unit: number) {
  for (const tool of [false, true]) {
    const colour = tool ? "#d97706" : "#94a3b8";
    const curves = new Path2D();
    const arrows = new Path2D();
    for (const link of links) {
      if (link.tool !== tool) continue;
      curves.addPath(new Path2D(link.path));
      arrows.addPath(new Path2D(link.arrow));
    }
    ctx.lineWidth = 1.5 * unit;
    ctx.strokeStyle = colour;
    ctx.setLineDash(tool ? [6 * unit, 4 * unit] : []);
    ctx.stroke(curves);
    ctx.setLineDash([]);
    ctx.fillStyle = colour;
    ctx.fill(arrows);
  }
}

/**
 * Draws `snapshot` with flow coordinates (`origin` at the canvas's top left) scaled by `scale` device pixels per flow
 * unit; `zoom` sizes the links' strokes as EdgeOverview does (a screen pixel and a half).
 */
export function drawSnapshot(
  ctx: CanvasRenderingContext2D,
  snapshot: Snapshot,
  view: { origin: { x: number; y: number }; scale: number; zoom: number; font: string },
) {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(view.scale, 0, 0, view.scale, -view.origin.x * view.scale, -view.origin.y * view.scale);
  drawLinks(ctx, snapshot.links, 1 / view.zoom);
  for (const card of snapshot.cards) drawCard(ctx, card, view.font);
}
