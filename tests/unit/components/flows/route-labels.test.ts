import { getBezierPath, Position } from "@xyflow/react";
import type { Edge, InternalNode } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { anchorOf, curvePath, distanceToCurve, linkCurve, type HandleBox } from "@/components/flows/edge-geometry";
import { linkAt } from "@/components/flows/edge-overview";
import {
  DETAILED_TEXT,
  fitText,
  OVERVIEW_TEXT,
  placeRouteLabels,
  textWidthEm,
  wrapTitle,
} from "@/components/flows/route-labels";
import { hitSize, isOverviewZoom } from "@/components/flows/semantic-zoom";
import { nodeOutputs } from "@/lib/model/flow/registry";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import { retailFlowGraph } from "@/prisma/demo/retail-flow";

const retail = flowGraphSchema.parse(retailFlowGraph());
/** The zoom the Retail demo flow fits the designer at. */
const RETAIL_FIT = 0.43;

describe("route labels", () => {
  it("gives every output of every Retail node its own row, no two overlapping and none wider than the node", () => {
    for (const metrics of [DETAILED_TEXT, OVERVIEW_TEXT])
      for (const node of retail.nodes) {
        const placed = placeRouteLabels(nodeOutputs(node), metrics);
        expect(placed.map((p) => p.id)).toEqual(nodeOutputs(node).map((p) => p.id));
        for (let i = 0; i < placed.length; i++) {
          expect(placed[i].width).toBeLessThanOrEqual(metrics.labelWidth);
          expect(placed[i].height).toBeLessThanOrEqual(metrics.rowPitch);
          if (i > 0) expect(placed[i].top).toBeGreaterThanOrEqual(placed[i - 1].top + placed[i - 1].height);
        }
      }
  });

  it("ends a label too long for its row with an ellipsis and keeps the whole text for the tooltip", () => {
    const long = "Customer wants to change the delivery address of an order already shipped";
    const [row, short] = placeRouteLabels(
      [
        { id: "a", label: long },
        { id: "b", label: "Refund" },
      ],
      OVERVIEW_TEXT,
    );
    expect(row.truncated).toBe(true);
    expect(row.full).toBe(long);
    expect(row.text.endsWith("…")).toBe(true);
    expect(long.startsWith(row.text.slice(0, -1))).toBe(true);
    expect(textWidthEm(row.text) * OVERVIEW_TEXT.labelFont).toBeLessThanOrEqual(OVERVIEW_TEXT.labelWidth);
    expect(short).toMatchObject({ text: "Refund", full: "Refund", truncated: false });
  });

  it("falls back to the output's id when it has no label", () => {
    expect(placeRouteLabels([{ id: "when_1", label: "" }], DETAILED_TEXT)[0].text).toBe("when_1");
  });

  it("measures wide letters wider than narrow ones", () => {
    expect(fitText("WWWWWWWWWWWW", 10, 60).truncated).toBe(true);
    expect(fitText("iiiiiiiiiiii", 10, 60).truncated).toBe(false);
  });
});

describe("titles", () => {
  it("wraps a title between words into at most two lines that fit the card", () => {
    const { lines, truncated } = wrapTitle("Verify customer (change address)", OVERVIEW_TEXT);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines.join(" ").replace("…", "")).toMatch(/^Verify customer/);
    for (const line of lines)
      expect(textWidthEm(line) * OVERVIEW_TEXT.titleFont).toBeLessThanOrEqual(OVERVIEW_TEXT.titleWidth);
    expect(truncated).toBe(lines.at(-1)!.endsWith("…"));
  });

  it("ends the second line with an ellipsis when the title needs more", () => {
    const { lines, truncated } = wrapTitle(
      "A very long node title that cannot possibly fit in two lines of a card",
      OVERVIEW_TEXT,
    );
    expect(lines).toHaveLength(2);
    expect(truncated).toBe(true);
    expect(lines[1].endsWith("…")).toBe(true);
  });

  it("keeps a short title whole on one line", () => {
    expect(wrapTitle("Intent router", OVERVIEW_TEXT)).toEqual({ lines: ["Intent router"], truncated: false });
  });
});

describe("semantic zoom", () => {
  it("draws the Retail flow at its fit zoom as overview cards with type and hit areas readable on screen", () => {
    expect(isOverviewZoom(RETAIL_FIT)).toBe(true);
    expect(isOverviewZoom(1)).toBe(false);
    expect(OVERVIEW_TEXT.titleFont * RETAIL_FIT).toBeGreaterThanOrEqual(12);
    expect(OVERVIEW_TEXT.labelFont * RETAIL_FIT).toBeGreaterThanOrEqual(10);
    expect(hitSize(RETAIL_FIT) * RETAIL_FIT).toBeGreaterThanOrEqual(24);
    expect(hitSize(1)).toBe(24);
    expect(hitSize(2)).toBe(12);
    // Zoomed far out a hit area stops growing rather than covering its node.
    expect(hitSize(0.05)).toBe(80);
  });
});

describe("link geometry", () => {
  const source = { x: 100, y: 50, side: "right" as const };
  const target = { x: 400, y: 260, side: "left" as const };

  it("draws the same curve as React Flow's own links", () => {
    const [rf] = getBezierPath({
      sourceX: source.x,
      sourceY: source.y,
      sourcePosition: Position.Right,
      targetX: target.x,
      targetY: target.y,
      targetPosition: Position.Left,
    });
    const numbers = (d: string) => (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
    expect(numbers(curvePath(linkCurve(source, target)))).toEqual(numbers(rf));
  });

  it("anchors a link at the outer side of its handle", () => {
    const handle: HandleBox = { x: 234, y: 40, width: 12, height: 12, position: "right" };
    expect(anchorOf({ x: 10, y: 20 }, handle)).toEqual({ x: 256, y: 66, side: "right" });
  });

  it("finds the link under a point from the curve alone", () => {
    const curve = linkCurve(source, target);
    expect(distanceToCurve({ x: 250, y: 155 }, curve)).toBeLessThan(1);
    expect(distanceToCurve({ x: 250, y: 40 }, curve)).toBeGreaterThan(50);

    const node = (x: number, y: number, handles: { source?: HandleBox[]; target?: HandleBox[] }) =>
      ({
        internals: {
          positionAbsolute: { x, y },
          handleBounds: { source: handles.source ?? null, target: handles.target ?? null },
        },
      }) as unknown as InternalNode;
    const out: HandleBox = { id: "out", x: 234, y: 20, width: 12, height: 12, position: "right" };
    const input: HandleBox = { id: "in", x: -6, y: 20, width: 12, height: 12, position: "left" };
    const lookup = new Map([
      ["a", node(0, 0, { source: [out] })],
      ["b", node(600, 0, { target: [input] })],
      ["c", node(600, 400, { target: [input] })],
    ]);
    const edges: Edge[] = [
      { id: "ab", source: "a", sourceHandle: "out", target: "b", targetHandle: "in" },
      { id: "ac", source: "a", sourceHandle: "out", target: "c", targetHandle: "in" },
    ];
    expect(linkAt({ x: 420, y: 27 }, 12, edges, lookup)).toBe("ab");
    expect(linkAt({ x: 594, y: 420 }, 12, edges, lookup)).toBe("ac");
    expect(linkAt({ x: 300, y: 300 }, 12, edges, lookup)).toBeNull();
  });
});
