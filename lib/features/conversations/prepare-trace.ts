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
  totals: {
    spanCount: number;
    errorCount: number;
    durationMs: number;
    tokensIn: number;
    tokensOut: number;
    costUsd: number;
  };
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
    let parent: string | null =
      span.parentId && byId.has(span.parentId) && span.parentId !== span.id ? span.parentId : null;
    // A span whose parent is missing (the run span is written when its event finishes) hangs under its run if there is one.
    if (
      !parent &&
      span.kind !== "run" &&
      span.eventId &&
      byId.has(runIdOf(span.eventId)) &&
      runIdOf(span.eventId) !== span.id
    ) {
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

    const walk = (span: SpanRecord, depth: number) => {
      if (visited.has(span.id)) return; // a parent cycle in bad data must not loop forever
      visited.add(span.id);
      const attributes = asRecord(span.attributes);
      const kids = children.get(span.id) ?? [];
      const attempts = num(attributes?.attempts);
      rows.push({
        id: span.id,
        kind: span.kind,
        name: span.name,
        error: span.error,
        isError: span.status === "error" || !!span.error,
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
      for (const child of kids) walk(child, depth + 1);
    };
    for (const root of turnRoots) walk(root, 0);
    turns.push(summariseTurn(rows, turn, start, rows.length, first, Math.max(0, last - first)));
  }

  return { rows, turns, totals: totalsOf(rows, turns) };
}

/** One turn's header figures from its rows ([start, end) of `rows`). */
function summariseTurn(
  rows: TraceRow[],
  turn: number,
  start: number,
  end: number,
  startedAtMs: number,
  durationMs: number,
): TraceTurnSummary {
  let tokensIn = 0;
  let tokensOut = 0;
  let costUsd = 0;
  let errorCount = 0;
  for (let i = start; i < end; i++) {
    const row = rows[i];
    tokensIn += row.tokensIn ?? 0;
    tokensOut += row.tokensOut ?? 0;
    costUsd += row.costUsd ?? 0;
    if (row.isError) errorCount += 1;
  }
  return {
    turn,
    start,
    end,
    startedAt: new Date(startedAtMs).toISOString(),
    durationMs,
    tokensIn,
    tokensOut,
    costUsd,
    spanCount: end - start,
    errorCount,
  };
}

function totalsOf(rows: TraceRow[], turns: TraceTurnSummary[]): PreparedTrace["totals"] {
  return {
    spanCount: rows.length,
    errorCount: turns.reduce((n, t) => n + t.errorCount, 0),
    durationMs: turns.reduce((n, t) => n + t.durationMs, 0),
    tokensIn: turns.reduce((n, t) => n + t.tokensIn, 0),
    tokensOut: turns.reduce((n, t) => n + t.tokensOut, 0),
    costUsd: turns.reduce((n, t) => n + t.costUsd, 0),
  };
}

/**
 * The prepared trace as it travels from the server component to the trace view (in the page's RSC payload, on every
 * load and every live refresh): one positional tuple per row, nothing that can be derived again (depth, child count,
 * turn, totals), repeated strings once, and each id front-coded against the previous row's id (span ids extend their
 * event's id, so most rows carry a few characters). `expandTrace` restores the exact `PreparedTrace`.
 */
export type CompactTrace = {
  /** Kinds, names and models, referenced by index. */
  s: string[];
  r: CompactRow[];
  /** Per turn: [turn, end row index (exclusive), duration ms, start (epoch ms)]. */
  t: [number, number, number, number][];
};

/** [characters shared with the previous row's id, the rest of the id, parent row index or -1, kind, name, offset ms, duration ms, extras]. */
export type CompactRow =
  | [shared: number, rest: string, parent: number, kind: number, name: number, offsetMs: number, durationMs: number]
  | [
      shared: number,
      rest: string,
      parent: number,
      kind: number,
      name: number,
      offsetMs: number,
      durationMs: number,
      extras: CompactExtras,
    ];

/** Only what a row has: error text, error flag, tokens in/out, cost, model (index into `s`), attempt, attempts, retries. */
type CompactExtras = {
  e?: string;
  x?: 1;
  i?: number;
  o?: number;
  c?: number;
  m?: number;
  a?: number;
  n?: number;
  r?: number;
};

export function compactTrace(trace: PreparedTrace): CompactTrace {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const ref = (value: string) => {
    let index = stringIndex.get(value);
    if (index === undefined) stringIndex.set(value, (index = strings.push(value) - 1));
    return index;
  };
  const rowIndex = new Map<string, number>();
  let previous = "";
  const rows = trace.rows.map((row, index): CompactRow => {
    rowIndex.set(row.id, index);
    let shared = 0;
    const limit = Math.min(previous.length, row.id.length);
    while (shared < limit && previous.charCodeAt(shared) === row.id.charCodeAt(shared)) shared++;
    previous = row.id;
    const parent = row.parentId === null ? -1 : (rowIndex.get(row.parentId) ?? -1);
    const base = [
      shared,
      row.id.slice(shared),
      parent,
      ref(row.kind),
      ref(row.name),
      row.offsetMs,
      row.durationMs,
    ] as const;
    const extras: CompactExtras = {};
    if (row.error !== null) extras.e = row.error;
    if (row.isError) extras.x = 1;
    if (row.tokensIn !== null) extras.i = row.tokensIn;
    if (row.tokensOut !== null) extras.o = row.tokensOut;
    if (row.costUsd !== null) extras.c = row.costUsd;
    if (row.model !== null) extras.m = ref(row.model);
    if (row.attempt !== null) extras.a = row.attempt;
    if (row.attempts !== null) extras.n = row.attempts;
    if (row.retries !== null) extras.r = row.retries;
    return Object.keys(extras).length ? [...base, extras] : [...base];
  });
  return {
    s: strings,
    r: rows,
    t: trace.turns.map((turn) => [turn.turn, turn.end, turn.durationMs, Date.parse(turn.startedAt)]),
  };
}

export function expandTrace(compact: CompactTrace): PreparedTrace {
  const { s: strings } = compact;
  const rows: TraceRow[] = [];
  const turns: TraceTurnSummary[] = [];
  let previous = "";
  let turnIndex = 0;
  for (const [index, [shared, rest, parent, kind, name, offsetMs, durationMs, extras = {}]] of compact.r.entries()) {
    while (turnIndex < compact.t.length - 1 && index >= compact.t[turnIndex][1]) turnIndex++;
    const id = previous.slice(0, shared) + rest;
    previous = id;
    const parentRow = parent >= 0 ? rows[parent] : undefined;
    if (parentRow) parentRow.childCount += 1;
    rows.push({
      id,
      kind: strings[kind],
      name: strings[name],
      error: extras.e ?? null,
      isError: extras.x === 1,
      depth: parentRow ? parentRow.depth + 1 : 0,
      parentId: parentRow?.id ?? null,
      childCount: 0,
      turn: compact.t[turnIndex]?.[0] ?? 0,
      offsetMs,
      durationMs,
      tokensIn: extras.i ?? null,
      tokensOut: extras.o ?? null,
      costUsd: extras.c ?? null,
      model: extras.m === undefined ? null : strings[extras.m],
      attempt: extras.a ?? null,
      attempts: extras.n ?? null,
      retries: extras.r ?? null,
    });
  }
  let start = 0;
  for (const [turn, end, durationMs, startedAtMs] of compact.t) {
    turns.push(summariseTurn(rows, turn, start, end, startedAtMs, durationMs));
    start = end;
  }
  return { rows, turns, totals: totalsOf(rows, turns) };
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
export function barGeometry(
  row: Pick<TraceRow, "offsetMs" | "durationMs">,
  turnMs: number,
  minPct = 0.5,
): { left: number; width: number } {
  if (turnMs <= 0) return { left: 0, width: 100 };
  const left = Math.min(100, (row.offsetMs / turnMs) * 100);
  const width = Math.max(minPct, Math.min(100 - left, (row.durationMs / turnMs) * 100));
  return { left: Math.min(left, 100 - minPct), width };
}
