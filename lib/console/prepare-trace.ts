// Pure: turns a conversation's span rows into what the trace view draws — a depth-first list of rows (parent before
// children, each with its depth) grouped by turn, with offsets for the waterfall and totals per turn. No database,
// no React, so the 500-span page only maps over a ready array.

export type SpanKind = "run" | "node" | "route" | "llm" | "tool" | "guardrail" | "escalation" | (string & {});

/** What the page loads per span: everything but input and output, which the details panel fetches on selection. */
export type SpanRecord = {
  id: string;
  parentId: string | null;
  stepId: string | null;
  eventId: string | null;
  kind: string;
  name: string;
  status: string;
  startedAt: Date | string;
  durationMs: number;
  error: string | null;
  attributes: unknown;
  tokensIn: number | null;
  tokensOut: number | null;
  costUsd: number | null;
};

export type TraceRow = {
  id: string;
  kind: SpanKind;
  name: string;
  error: string | null;
  isError: boolean;
  depth: number;
  /** Id of the row it is drawn under (its parent, or its run when the parent is missing); null for a root. */
  parentId: string | null;
  childCount: number;
  turn: number;
  /** Offset from the start of its turn, and its duration, in ms (the waterfall is scaled per turn). */
  offsetMs: number;
  durationMs: number;
  tokensIn: number | null;
  tokensOut: number | null;
  costUsd: number | null;
  model: string | null;
  /** The attempt this span was (failed attempts of a retried node), and how many attempts/retries it took. */
  attempt: number | null;
  attempts: number | null;
  retries: number | null;
};

export type TraceTurnSummary = {
  turn: number;
  /** Index range of its rows in `rows` ([start, end)). */
  start: number;
  end: number;
  startedAt: string;
  durationMs: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  spanCount: number;
  errorCount: number;
};

export type PreparedTrace = {
  rows: TraceRow[];
  turns: TraceTurnSummary[];
  totals: { spanCount: number; errorCount: number; durationMs: number; tokensIn: number; tokensOut: number; costUsd: number };
};

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

const time = (value: Date | string) => (value instanceof Date ? value.getTime() : new Date(value).getTime());

/** Child span ids end in their index (`step:2`, `step:10`), so equal start times fall back to a numeric-aware order. */
const byStartThenId = (a: SpanRecord, b: SpanRecord) =>
  time(a.startedAt) - time(b.startedAt) || a.id.localeCompare(b.id, "en", { numeric: true });

const runIdOf = (eventId: string) => `${eventId}:run`;

/**
 * `eventTurns` maps an engine event to its turn (from the steps); spans of an event with no steps take the turn of
 * the event before them in time.
 */
export function prepareTrace(spans: SpanRecord[], eventTurns: Map<string, number> = new Map()): PreparedTrace {
  const byId = new Map(spans.map((span) => [span.id, span]));
  const children = new Map<string | null, SpanRecord[]>();
  const parentOf = new Map<string, string | null>();
  for (const span of spans) {
    let parent: string | null = span.parentId && byId.has(span.parentId) && span.parentId !== span.id ? span.parentId : null;
    // A span whose parent is missing (the run span is written when its event finishes) hangs under its run if there is one.
    if (!parent && span.kind !== "run" && span.eventId && byId.has(runIdOf(span.eventId)) && runIdOf(span.eventId) !== span.id) {
      parent = runIdOf(span.eventId);
    }
    parentOf.set(span.id, parent);
    const list = children.get(parent);
    if (list) list.push(span);
    else children.set(parent, [span]);
  }
  for (const list of children.values()) list.sort(byStartThenId);

  // Turns: roots in time order; an event's turn comes from its steps, else carries on from the previous root.
  const roots = children.get(null) ?? [];
  const rows: TraceRow[] = [];
  const turns: TraceTurnSummary[] = [];
  const visited = new Set<string>();
  let lastTurn = 0;

  const rootGroups: { turn: number; spans: SpanRecord[] }[] = [];
  for (const root of roots) {
    const turn = (root.eventId ? eventTurns.get(root.eventId) : undefined) ?? lastTurn;
    lastTurn = turn;
    const group = rootGroups.at(-1);
    if (group && group.turn === turn) group.spans.push(root);
    else rootGroups.push({ turn, spans: [root] });
  }
  // Events can interleave with another turn's late spans; one section per turn keeps the view readable.
  const merged = new Map<number, SpanRecord[]>();
  for (const group of rootGroups) merged.set(group.turn, [...(merged.get(group.turn) ?? []), ...group.spans]);

  for (const [turn, turnRoots] of [...merged.entries()].sort((a, b) => a[0] - b[0])) {
    const start = rows.length;
    let first = Infinity;
    let last = -Infinity;
    const collect = (span: SpanRecord) => {
      const begin = time(span.startedAt);
      first = Math.min(first, begin);
      last = Math.max(last, begin + Math.max(0, span.durationMs));
      for (const child of children.get(span.id) ?? []) collect(child);
    };
    turnRoots.forEach(collect);

    let tokensIn = 0;
    let tokensOut = 0;
    let costUsd = 0;
    let errorCount = 0;
    const walk = (span: SpanRecord, depth: number) => {
      if (visited.has(span.id)) return; // a parent cycle in bad data must not loop forever
      visited.add(span.id);
      const attributes = asRecord(span.attributes);
      const kids = children.get(span.id) ?? [];
      const isError = span.status === "error" || !!span.error;
      const attempts = num(attributes?.attempts);
      rows.push({
        id: span.id,
        kind: span.kind,
        name: span.name,
        error: span.error,
        isError,
        depth,
        parentId: parentOf.get(span.id) ?? null,
        childCount: kids.length,
        turn,
        offsetMs: Math.max(0, time(span.startedAt) - first),
        durationMs: Math.max(0, span.durationMs),
        tokensIn: span.tokensIn,
        tokensOut: span.tokensOut,
        costUsd: span.costUsd,
        model: typeof attributes?.model === "string" ? attributes.model : null,
        attempt: num(attributes?.attempt),
        attempts: attempts !== null && attempts > 1 ? attempts : null,
        retries: num(attributes?.retries) || null,
      });
      tokensIn += span.tokensIn ?? 0;
      tokensOut += span.tokensOut ?? 0;
      costUsd += span.costUsd ?? 0;
      if (isError) errorCount += 1;
      for (const child of kids) walk(child, depth + 1);
    };
    for (const root of turnRoots) walk(root, 0);

    turns.push({
      turn,
      start,
      end: rows.length,
      startedAt: new Date(first).toISOString(),
      durationMs: Math.max(0, last - first),
      tokensIn,
      tokensOut,
      costUsd,
      spanCount: rows.length - start,
      errorCount,
    });
  }

  return {
    rows,
    turns,
    totals: {
      spanCount: rows.length,
      errorCount: turns.reduce((n, t) => n + t.errorCount, 0),
      durationMs: turns.reduce((n, t) => n + t.durationMs, 0),
      tokensIn: turns.reduce((n, t) => n + t.tokensIn, 0),
      tokensOut: turns.reduce((n, t) => n + t.tokensOut, 0),
      costUsd: turns.reduce((n, t) => n + t.costUsd, 0),
    },
  };
}

/** The rows to draw when some are collapsed: everything except the descendants of a collapsed row. */
export function visibleRows(rows: TraceRow[], collapsed: ReadonlySet<string>): TraceRow[] {
  if (collapsed.size === 0) return rows;
  const out: TraceRow[] = [];
  let hideBelow: number | null = null;
  for (const row of rows) {
    if (hideBelow !== null) {
      if (row.depth > hideBelow) continue;
      hideBelow = null;
    }
    out.push(row);
    if (collapsed.has(row.id) && row.childCount > 0) hideBelow = row.depth;
  }
  return out;
}

/** The waterfall bar of a row in percent of its turn, never thinner than `minPct` so instant spans stay visible. */
export function barGeometry(row: Pick<TraceRow, "offsetMs" | "durationMs">, turnMs: number, minPct = 0.5): { left: number; width: number } {
  if (turnMs <= 0) return { left: 0, width: 100 };
  const left = Math.min(100, (row.offsetMs / turnMs) * 100);
  const width = Math.max(minPct, Math.min(100 - left, (row.durationMs / turnMs) * 100));
  return { left: Math.min(left, 100 - minPct), width };
}
