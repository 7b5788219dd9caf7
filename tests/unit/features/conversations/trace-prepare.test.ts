import { describe, expect, it } from "vitest";
import { versionLabel } from "@/lib/features/conversations/prepare-conversation-trace";
import { prepareFlowPath } from "@/lib/features/conversations/prepare-flow-path";
import { prepareStateChanges } from "@/lib/features/conversations/prepare-state-changes";
import {
  barGeometry,
  compactTrace,
  expandTrace,
  prepareTrace,
  visibleRows,
  type SpanRecord,
} from "@/lib/features/conversations/prepare-trace";

const T0 = Date.parse("2026-01-01T10:00:00.000Z");

function span(id: string, fields: Partial<SpanRecord> & { at?: number } = {}): SpanRecord {
  const { at = 0, ...rest } = fields;
  return {
    id,
    parentId: null,
    stepId: null,
    eventId: "e1",
    kind: "node",
    name: id,
    status: "ok",
    startedAt: new Date(T0 + at),
    durationMs: 10,
    error: null,
    attributes: null,
    tokensIn: null,
    tokensOut: null,
    costUsd: null,
    ...rest,
  };
}

describe("prepareTrace", () => {
  it("orders rows depth-first by start time, with depths and child counts", () => {
    const spans = [
      span("e1:2", { parentId: "e1:run", at: 50 }),
      span("e1:run", { kind: "run", at: 0, durationMs: 120 }),
      span("e1:1", { parentId: "e1:run", at: 5 }),
      span("e1:1:10", { parentId: "e1:1", kind: "tool", at: 5 }),
      span("e1:1:2", { parentId: "e1:1", kind: "llm", at: 5 }),
    ];
    const { rows } = prepareTrace(spans, new Map([["e1", 1]]));
    expect(rows.map((r) => [r.id, r.depth])).toEqual([
      ["e1:run", 0],
      ["e1:1", 1],
      ["e1:1:2", 2],
      ["e1:1:10", 2],
      ["e1:2", 1],
    ]);
    expect(rows[0].childCount).toBe(2);
    expect(rows[1].offsetMs).toBe(5);
    expect(rows.every((r) => r.turn === 1)).toBe(true);
  });

  it("hangs orphans under their event's run and keeps them as roots when the run is not written yet", () => {
    const spans = [
      span("e1:run", { kind: "run", durationMs: 100 }),
      span("e1:5", { parentId: "e1:missing", at: 10 }),
      span("e2:1", { eventId: "e2", parentId: "e2:run", at: 1000 }),
    ];
    const { rows } = prepareTrace(
      spans,
      new Map([
        ["e1", 1],
        ["e2", 2],
      ]),
    );
    expect(rows.find((r) => r.id === "e1:5")).toMatchObject({ parentId: "e1:run", depth: 1 });
    expect(rows.find((r) => r.id === "e2:1")).toMatchObject({ parentId: null, depth: 0, turn: 2, offsetMs: 0 });
  });

  it("totals duration, tokens, cost and errors per turn, and marks retries, attempts and models", () => {
    const spans = [
      span("e1:run", { kind: "run", durationMs: 200 }),
      span("e1:1", { parentId: "e1:run", attributes: { attempts: 3 } }),
      span("e1:1:attempt1", { parentId: "e1:1", status: "error", error: "timeout", attributes: { attempt: 1 } }),
      span("e1:1:0", {
        parentId: "e1:1",
        kind: "llm",
        tokensIn: 100,
        tokensOut: 20,
        costUsd: 0.002,
        attributes: { model: "gpt-x", retries: 1 },
      }),
      span("e2:run", { eventId: "e2", kind: "run", at: 60_000, durationMs: 50 }),
      span("e2:1", {
        eventId: "e2",
        parentId: "e2:run",
        kind: "llm",
        at: 60_010,
        tokensIn: 5,
        tokensOut: 5,
        costUsd: 0.001,
      }),
    ];
    const trace = prepareTrace(
      spans,
      new Map([
        ["e1", 1],
        ["e2", 2],
      ]),
    );
    expect(
      trace.turns.map((t) => ({
        turn: t.turn,
        ms: t.durationMs,
        in: t.tokensIn,
        out: t.tokensOut,
        errors: t.errorCount,
        n: t.spanCount,
      })),
    ).toEqual([
      { turn: 1, ms: 200, in: 100, out: 20, errors: 1, n: 4 },
      { turn: 2, ms: 50, in: 5, out: 5, errors: 0, n: 2 },
    ]);
    expect(trace.turns[0].costUsd).toBeCloseTo(0.002);
    expect(trace.totals).toMatchObject({ spanCount: 6, errorCount: 1, tokensIn: 105, tokensOut: 25 });
    const byId = new Map(trace.rows.map((r) => [r.id, r]));
    expect(byId.get("e1:1")!.attempts).toBe(3);
    expect(byId.get("e1:1:attempt1")).toMatchObject({ attempt: 1, isError: true, error: "timeout" });
    expect(byId.get("e1:1:0")).toMatchObject({ model: "gpt-x", retries: 1 });
    // The second turn's waterfall starts at its own beginning, not the conversation's.
    expect(byId.get("e2:1")!.offsetMs).toBe(10);
  });

  it("survives bad data: self-parents and an empty list", () => {
    expect(prepareTrace([]).rows).toEqual([]);
    const { rows } = prepareTrace([span("x", { parentId: "x", eventId: null })]);
    expect(rows.map((r) => r.id)).toEqual(["x"]);
  });
});

describe("compactTrace and expandTrace", () => {
  it("round-trips a prepared trace exactly, in a fraction of its serialized size", () => {
    const spans: SpanRecord[] = [];
    for (const [e, turn] of [
      ["ev-0b8f6a3c-2f1e-4c55-9a7e-1d2c3b4a5f60", 1],
      ["ev-7d1e2f3a-4b5c-4d6e-8f70-91a2b3c4d5e6", 2],
    ] as const) {
      const at = turn * 60_000;
      spans.push(span(`${e}:run`, { eventId: e, kind: "run", at, durationMs: 900, attributes: { steps: 3 } }));
      for (let seq = 1; seq <= 3; seq++) {
        const step = `${e}:${seq}`;
        spans.push(
          span(step, {
            eventId: e,
            parentId: `${e}:run`,
            stepId: step,
            at: at + seq * 100,
            durationMs: 90,
            attributes: { attempts: seq === 2 ? 2 : 1 },
          }),
        );
        if (seq === 2)
          spans.push(
            span(`${step}:attempt1`, {
              eventId: e,
              parentId: step,
              status: "error",
              error: "timeout",
              at: at + seq * 100,
              attributes: { attempt: 1 },
            }),
          );
        spans.push(
          span(`${step}:0`, {
            eventId: e,
            parentId: step,
            kind: "llm",
            name: "chat.completions",
            at: at + seq * 100 + 5,
            tokensIn: 410,
            tokensOut: 20,
            costUsd: 0.00007,
            attributes: { model: "gpt-4o-mini", retries: 1 },
          }),
        );
        spans.push(
          span(`${step}:1`, {
            eventId: e,
            parentId: step,
            kind: "guardrail",
            name: "pii",
            status: "error",
            at: at + seq * 100 + 40,
          }),
        );
      }
    }
    const prepared = prepareTrace(
      spans,
      new Map([
        ["ev-0b8f6a3c-2f1e-4c55-9a7e-1d2c3b4a5f60", 1],
        ["ev-7d1e2f3a-4b5c-4d6e-8f70-91a2b3c4d5e6", 2],
      ]),
    );
    const compact = compactTrace(prepared);
    expect(expandTrace(JSON.parse(JSON.stringify(compact)))).toEqual(prepared);
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(prepared).length / 3);
    // Ids are front-coded: a child row carries only what its id adds to the row before it.
    expect(compact.r[2].slice(0, 2)).toEqual([prepared.rows[1].id.length, ":0"]);
  });

  it("round-trips an empty trace and a root without an event", () => {
    expect(expandTrace(compactTrace(prepareTrace([])))).toEqual(prepareTrace([]));
    const lone = prepareTrace([span("x", { parentId: "x", eventId: null, error: "" })]);
    expect(expandTrace(compactTrace(lone))).toEqual(lone);
  });
});

describe("visibleRows and barGeometry", () => {
  it("hides the descendants of collapsed rows only", () => {
    const spans = [
      span("e1:run", { kind: "run", durationMs: 100 }),
      span("e1:1", { parentId: "e1:run", at: 1 }),
      span("e1:1:0", { parentId: "e1:1", at: 1 }),
      span("e1:2", { parentId: "e1:run", at: 2 }),
    ];
    const { rows } = prepareTrace(spans);
    expect(visibleRows(rows, new Set(["e1:1"])).map((r) => r.id)).toEqual(["e1:run", "e1:1", "e1:2"]);
    expect(visibleRows(rows, new Set(["e1:run"])).map((r) => r.id)).toEqual(["e1:run"]);
    expect(visibleRows(rows, new Set())).toBe(rows);
  });

  it("positions bars in percent of the turn and keeps instant spans visible", () => {
    expect(barGeometry({ offsetMs: 25, durationMs: 50 }, 100)).toEqual({ left: 25, width: 50 });
    expect(barGeometry({ offsetMs: 100, durationMs: 0 }, 100)).toEqual({ left: 99.5, width: 0.5 });
    expect(barGeometry({ offsetMs: 0, durationMs: 0 }, 0)).toEqual({ left: 0, width: 100 });
  });
});

describe("prepareStateChanges", () => {
  it("lists added, changed and removed keys with before → after", () => {
    const { lines, more } = prepareStateChanges({
      reply: "hi",
      stateChanges: [
        { path: "order.number", after: "A1002" },
        { path: "intent.id", before: "greeting", after: "order_status" },
        { path: "draft", before: 1 },
      ],
    });
    expect(lines).toEqual([
      { path: "order.number", change: "added", before: null, after: "“A1002”" },
      { path: "intent.id", change: "changed", before: "“greeting”", after: "“order_status”" },
      { path: "draft", change: "removed", before: "1", after: null },
    ]);
    expect(more).toBe(0);
    expect(prepareStateChanges({ reply: "x" })).toEqual({ lines: [], more: 0 });
    expect(prepareStateChanges(null)).toEqual({ lines: [], more: 0 });
  });
});

describe("prepareFlowPath", () => {
  const graph = {
    nodes: ["start", "guard", "router", "track", "refund", "check"].map((id, i) => ({
      id,
      kind: "x",
      label: id,
      position: { x: i * 100, y: 0 },
    })),
    edges: [
      { id: "a", source: "start", target: "guard" },
      { id: "b", source: "guard", target: "router" },
      { id: "c", source: "router", sourceHandle: "order_status", target: "track" },
      { id: "d", source: "router", sourceHandle: "refund", target: "refund" },
      { id: "e", source: "track", target: "check" },
      { id: "f", source: "refund", target: "check" },
    ],
  };

  it("highlights visited nodes and the edges actually taken, and marks the waiting node", () => {
    const steps = [
      { nodeId: "start", turn: 1, seq: 1, status: "completed" },
      { nodeId: "guard", turn: 1, seq: 2, status: "completed" },
      { nodeId: "router", turn: 1, seq: 3, status: "completed" },
      { nodeId: "track", turn: 1, seq: 4, status: "completed" },
      // The next turn resumes at the waiting agent: no edge into it was travelled.
      { nodeId: "track", turn: 2, seq: 1, status: "failed" },
      { nodeId: "check", turn: 2, seq: 2, status: "completed" },
    ];
    const path = prepareFlowPath(graph, steps, "track");
    const node = (id: string) => path.nodes.find((n) => n.id === id)!;
    expect(node("track")).toMatchObject({ visits: 2, failed: true, current: true });
    expect(node("refund").visits).toBe(0);
    expect(path.edges.filter((e) => e.traversed).map((e) => e.id)).toEqual(["a", "b", "c", "e"]);
    expect(path.visitedCount).toBe(5);
  });
});

describe("versionLabel", () => {
  it("names published versions, draft tests and an evaluation's held-out copy apart", () => {
    expect(versionLabel({ number: 3, kind: "published", draftRevision: null })).toBe("v3");
    expect(versionLabel({ number: null, kind: "test", draftRevision: 12 })).toBe("draft test");
    expect(versionLabel({ number: null, kind: "test", draftRevision: null })).toBe("held-out test");
  });
});
