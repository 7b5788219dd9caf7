// Where a node's text goes on the canvas, decided before the browser lays it out: route labels one per output row
// (never on the links, where they overlapped and were clipped), titles wrapped to at most two lines, anything longer
// ended with an ellipsis and kept whole for the tooltip. Text is measured with an estimate of each character's width
// rather than clipped with CSS overflow: clipping every line of 500 nodes multiplies the browser's paint chunks, and
// re-layerizing them is what made panning a large flow slow. Pure, so the placement can be tested.

/** Sizes in flow units (the canvas scales them by its zoom). */
export type TextMetrics = {
  /** Font size of a route label. */
  labelFont: number;
  /** Vertical distance between two output rows; a handle's hit area never reaches past its row. */
  rowPitch: number;
  /** Room for a label: the row's width minus its padding and the handle at its end. */
  labelWidth: number;
  titleFont: number;
  titleLine: number;
  titleWidth: number;
  /** A card's padding and the side of its icon chip (beside the title, or zoomed out on the card's corner). */
  pad: number;
  chip: number;
  /** Zoomed out the icon sits on the card's top left corner, so that the title has the card's whole width. */
  chipOnCorner: boolean;
};

export const NODE_WIDTH = 240;

/** A handle's dot on a card drawn with `metrics`: a third of the icon chip. */
export const handleDot = (metrics: TextMetrics) => Math.round(metrics.chip / 3);

/** Zoomed in: the detailed node (kind, summary, small type). */
export const DETAILED_TEXT: TextMetrics = {
  labelFont: 11,
  rowPitch: 20,
  labelWidth: NODE_WIDTH - 8 - 20,
  titleFont: 13,
  titleLine: 16,
  titleWidth: NODE_WIDTH - 20 - 24 - 8 - 24,
  pad: 10,
  chip: 24,
  chipOnCorner: false,
};

/**
 * Zoomed out: a card with large type, so that at the Retail demo's fit zoom (about 0.43) a title is 12 px on screen
 * and a route label 10 px (a card is 103 px wide there: about 14 characters a line, so the title has the whole width
 * and the icon sits on the card's corner); rows are 15 px apart.
 */
export const OVERVIEW_TEXT: TextMetrics = {
  labelFont: 24,
  rowPitch: 34,
  labelWidth: NODE_WIDTH - 6 - 12 - 22,
  titleFont: 28,
  titleLine: 32,
  titleWidth: NODE_WIDTH - 6 - 2 * 10,
  pad: 10,
  chip: 32,
  chipOnCorner: true,
};

const NARROW = new Set("il.,:;'|!()[]{}/ jftrI1-");
const WIDE = new Set("mwMW@%");

/** Estimated width of `text` in ems (a sans-serif at normal weight; capitals and wide letters count more). */
export function textWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.32;
    else if (WIDE.has(ch)) em += 0.86;
    else if (ch >= "A" && ch <= "Z") em += 0.7;
    else if (ch >= "0" && ch <= "9") em += 0.58;
    else em += 0.57;
  }
  return em;
}

export type FittedText = { text: string; full: string; truncated: boolean; width: number };

/** `text` as it fits in `width` at `font`: whole, or cut at a character with "…" appended. */
export function fitText(value: string, font: number, width: number): FittedText {
  const full = value.trim().replace(/\s+/g, " ");
  const measured = textWidthEm(full) * font;
  if (measured <= width) return { text: full, full, truncated: false, width: measured };
  const room = width - textWidthEm("…") * font;
  let used = 0;
  let cut = 0;
  for (const ch of full) {
    const w = textWidthEm(ch) * font;
    if (used + w > room) break;
    used += w;
    cut += ch.length;
  }
  const shown = `${full.slice(0, cut).trimEnd()}…`;
  return { text: shown, full, truncated: true, width: textWidthEm(shown) * font };
}

/** Words of a title, a hyphenated one split after each hyphen so that a line may end there. */
function titleWords(title: string): { text: string; glue: string }[] {
  const words: { text: string; glue: string }[] = [];
  for (const word of title.trim().split(/\s+/).filter(Boolean)) {
    const parts = word.split(/(?<=-)(?=.)/);
    parts.forEach((text, i) => words.push({ text, glue: i === 0 ? " " : "" }));
  }
  return words;
}

/** A title in at most `maxLines` lines, broken between words where it can be, the last one ended with "…". */
export function wrapTitle(title: string, metrics: TextMetrics, maxLines = 2): { lines: string[]; truncated: boolean } {
  const words = titleWords(title);
  const fits = (text: string) => textWidthEm(text) * metrics.titleFont <= metrics.titleWidth;
  const join = (from: number, to = words.length) =>
    words
      .slice(from, to)
      .map((w, i) => (i === 0 ? w.text : w.glue + w.text))
      .join("");
  const lines: string[] = [];
  let cut = false;
  let i = 0;
  while (i < words.length) {
    if (lines.length === maxLines - 1) {
      const fitted = fitText(join(i), metrics.titleFont, metrics.titleWidth);
      lines.push(fitted.text);
      return { lines, truncated: cut || fitted.truncated };
    }
    let end = i + 1;
    while (end < words.length && fits(join(i, end + 1))) end++;
    // A single word wider than the line is cut where it overflows; the rest of the title follows on the next line.
    const line = fitText(join(i, end), metrics.titleFont, metrics.titleWidth);
    lines.push(line.text);
    cut ||= line.truncated;
    i = end;
  }
  return { lines, truncated: cut };
}

export type RoutePort = { id: string; label: string };
export type PlacedRouteLabel = FittedText & {
  id: string;
  /** Top of the label's row, relative to the first row. */
  top: number;
  height: number;
};

/** One row per output, in order, each label fitted to its row: no two overlap and none runs past the node. */
export function placeRouteLabels(ports: RoutePort[], metrics: TextMetrics): PlacedRouteLabel[] {
  return ports.map((port, index) => ({
    id: port.id,
    top: index * metrics.rowPitch,
    height: metrics.rowPitch,
    ...fitText(port.label || port.id, metrics.labelFont, metrics.labelWidth),
  }));
}
