// The dashboard's queries. They read only the roll-ups (and RoutingReview, which is small) and return raw figures:
// counts and summed histograms. The compute-kpis.ts and prepare-*.ts files turn them into rates, percentiles and chart series.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { HISTOGRAM_BUCKETS, emptyHistogram } from "./histogram";
import { dayRangeWindow, type Period } from "./time-window";
import type { KpiFilters } from "./filters";
import { storedRollups, type RollupSource } from "./rollup-source";

export type KpiTotals = {
  started: number;
  resolved: number;
  contained: number;
  escalated: number;
  abandoned: number;
  failed: number;
  handoffs: number;
  handoffsAskedAgain: number;
  recontactEligible: number;
  recontacts: number;
  toolCalls: number;
  toolCallsOk: number;
  escalations: number;
  escalationsAnswered: number;
  slaBreaches: number;
  ttrBot: number[];
  ttrHuman: number[];
  firstResponse: number[];
};

export const COUNT_COLUMNS = [
  "started",
  "resolved",
  "contained",
  "escalated",
  "abandoned",
  "failed",
  "handoffs",
  "handoffsAskedAgain",
  "recontactEligible",
  "recontacts",
  "toolCalls",
  "toolCallsOk",
  "escalations",
  "escalationsAnswered",
  "slaBreaches",
] as const;

/** The custom range of days of the filters (what callers without a window of their own count). */
export const daysOf = (f: KpiFilters): Period => dayRangeWindow(f.from, f.to).current;

/** The roll-up rows a filter selects in a period; `alias` is the roll-up table's alias. */
export function rollupWhere(
  workspaceId: string,
  f: KpiFilters,
  alias = "r",
  source: RollupSource = storedRollups(),
  period: Period = daysOf(f),
): Prisma.Sql {
  const a = Prisma.raw(alias);
  const parts = [Prisma.sql`${a}."workspaceId" = ${workspaceId}`, source.during(alias, period)];
  if (f.flowId) parts.push(Prisma.sql`${a}."flowId" = ${f.flowId}`);
  if (f.versionId) parts.push(Prisma.sql`${a}."flowVersionId" = ${f.versionId}`);
  if (f.channel) parts.push(Prisma.sql`${a}.channel = ${f.channel}`);
  return Prisma.join(parts, " AND ");
}

/** Turns rows of (i, v1, v2, …) with 1-based bucket ordinals into dense histograms. */
export function densify<K extends string>(
  rows: ({ i: number | bigint } & Record<K, number | bigint | null>)[],
  keys: readonly K[],
): Record<K, number[]> {
  const out = Object.fromEntries(keys.map((k) => [k, emptyHistogram()])) as Record<K, number[]>;
  for (const row of rows) {
    const i = Number(row.i) - 1;
    if (i < 0 || i >= HISTOGRAM_BUCKETS) continue;
    for (const k of keys) out[k][i] = Number(row[k] ?? 0);
  }
  return out;
}

export async function loadKpiTotals(
  workspaceId: string,
  f: KpiFilters,
  source: RollupSource = storedRollups(),
  period: Period = daysOf(f),
): Promise<KpiTotals> {
  const where = rollupWhere(workspaceId, f, "r", source, period);
  const table = Prisma.raw(source.tables.daily);
  const sums = Prisma.join(
    COUNT_COLUMNS.map((c) => Prisma.raw(`COALESCE(sum(r."${c}"), 0)::bigint AS "${c}"`)),
    ", ",
  );
  const [[counts], hist] = await Promise.all([
    source.client.$queryRaw<
      Record<(typeof COUNT_COLUMNS)[number], bigint>[]
    >`SELECT ${sums} FROM ${table} r WHERE ${where}`,
    source.client.$queryRaw<{ i: bigint; bot: bigint; human: bigint; fr: bigint }[]>`
      SELECT u.i, sum(u.bot)::bigint AS bot, sum(u.human)::bigint AS human, sum(u.fr)::bigint AS fr
      FROM ${table} r, unnest(r."ttrBotHist", r."ttrHumanHist", r."firstResponseHist") WITH ORDINALITY AS u(bot, human, fr, i)
      WHERE ${where} GROUP BY u.i`,
  ]);
  const h = densify(hist, ["bot", "human", "fr"] as const);
  const n = Object.fromEntries(COUNT_COLUMNS.map((c) => [c, Number(counts?.[c] ?? 0)])) as Record<
    (typeof COUNT_COLUMNS)[number],
    number
  >;
  return { ...n, ttrBot: h.bot, ttrHuman: h.human, firstResponse: h.fr };
}

export type NodeLatencyRow = {
  flowId: string;
  nodeId: string;
  nodeKind: string;
  steps: number;
  failed: number;
  hist: number[];
};

export async function loadNodeLatency(
  workspaceId: string,
  f: KpiFilters,
  source: RollupSource = storedRollups(),
  period: Period = daysOf(f),
): Promise<NodeLatencyRow[]> {
  const where = rollupWhere(workspaceId, f, "r", source, period);
  const table = Prisma.raw(source.tables.node);
  const [totals, hist] = await Promise.all([
    source.client.$queryRaw<{ flowId: string; nodeId: string; nodeKind: string; steps: bigint; failed: bigint }[]>`
      SELECT r."flowId", r."nodeId", max(r."nodeKind") AS "nodeKind", sum(r.steps)::bigint AS steps, sum(r.failed)::bigint AS failed
      FROM ${table} r WHERE ${where} GROUP BY 1, 2`,
    source.client.$queryRaw<{ flowId: string; nodeId: string; i: bigint; n: bigint }[]>`
      SELECT r."flowId", r."nodeId", u.i, sum(u.n)::bigint AS n
      FROM ${table} r, unnest(r."latencyHist") WITH ORDINALITY AS u(n, i)
      WHERE ${where} AND u.n > 0 GROUP BY 1, 2, 3`,
  ]);
  const key = (flowId: string, nodeId: string) => `${flowId}\u0000${nodeId}`;
  const hists = new Map<string, number[]>();
  for (const row of hist) {
    const k = key(row.flowId, row.nodeId);
    const h = hists.get(k) ?? emptyHistogram();
    h[Number(row.i) - 1] = Number(row.n);
    hists.set(k, h);
  }
  return totals.map((t) => ({
    flowId: t.flowId,
    nodeId: t.nodeId,
    nodeKind: t.nodeKind,
    steps: Number(t.steps),
    failed: Number(t.failed),
    hist: hists.get(key(t.flowId, t.nodeId)) ?? emptyHistogram(),
  }));
}

export type ModelUsageRow = {
  model: string;
  calls: number;
  errors: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  hist: number[];
};

export async function loadModelUsage(
  workspaceId: string,
  f: KpiFilters,
  source: RollupSource = storedRollups(),
  period: Period = daysOf(f),
): Promise<ModelUsageRow[]> {
  const where = rollupWhere(workspaceId, f, "r", source, period);
  const table = Prisma.raw(source.tables.model);
  const [totals, hist] = await Promise.all([
    source.client.$queryRaw<
      { model: string; calls: bigint; errors: bigint; tokensIn: bigint; tokensOut: bigint; costUsd: number }[]
    >`
      SELECT r.model, sum(r.calls)::bigint AS calls, sum(r.errors)::bigint AS errors, sum(r."tokensIn")::bigint AS "tokensIn",
        sum(r."tokensOut")::bigint AS "tokensOut", sum(r."costUsd")::float8 AS "costUsd"
      FROM ${table} r WHERE ${where} GROUP BY 1`,
    source.client.$queryRaw<{ model: string; i: bigint; n: bigint }[]>`
      SELECT r.model, u.i, sum(u.n)::bigint AS n FROM ${table} r, unnest(r."latencyHist") WITH ORDINALITY AS u(n, i)
      WHERE ${where} AND u.n > 0 GROUP BY 1, 2`,
  ]);
  const hists = new Map<string, number[]>();
  for (const row of hist) {
    const h = hists.get(row.model) ?? emptyHistogram();
    h[Number(row.i) - 1] = Number(row.n);
    hists.set(row.model, h);
  }
  return totals.map((t) => ({
    model: t.model,
    calls: Number(t.calls),
    errors: Number(t.errors),
    tokensIn: Number(t.tokensIn),
    tokensOut: Number(t.tokensOut),
    costUsd: Number(t.costUsd),
    hist: hists.get(t.model) ?? emptyHistogram(),
  }));
}

export type RoutingAccuracySource = {
  source: "review" | "review_queue" | "evaluation";
  correct: number;
  total: number;
};

/** ReviewItem rows answered in the range (by review date), filtered by the sampled conversation's flow, version and channel. */
function reviewItemWhere(workspaceId: string, f: KpiFilters, period: Period): Prisma.Sql {
  const parts = [
    Prisma.sql`"workspaceId" = ${workspaceId}`,
    Prisma.sql`status = 'done'`,
    Prisma.sql`"reviewedAt" >= ${period.start.toISOString()}::timestamp AND "reviewedAt" < ${period.end.toISOString()}::timestamp`,
  ];
  if (f.flowId) parts.push(Prisma.sql`"flowId" = ${f.flowId}`);
  if (f.versionId) parts.push(Prisma.sql`"flowVersionId" = ${f.versionId}`);
  if (f.channel) parts.push(Prisma.sql`channel = ${f.channel}`);
  return Prisma.join(parts, " AND ");
}

/**
 * Routing accuracy per source: verdicts on single routing decisions (conversation page), and the production review
 * queue's "right route?" answers (one per sampled conversation). The card sums the sources.
 */
export async function loadRoutingAccuracy(
  workspaceId: string,
  f: KpiFilters,
  period: Period = daysOf(f),
): Promise<RoutingAccuracySource[]> {
  const parts = [
    Prisma.sql`"workspaceId" = ${workspaceId}`,
    Prisma.sql`"createdAt" >= ${period.start.toISOString()}::timestamp AND "createdAt" < ${period.end.toISOString()}::timestamp`,
  ];
  if (f.flowId) parts.push(Prisma.sql`"flowId" = ${f.flowId}`);
  if (f.versionId) parts.push(Prisma.sql`"flowVersionId" = ${f.versionId}`);
  if (f.channel) parts.push(Prisma.sql`channel = ${f.channel}`);
  const [[row], [queue]] = await Promise.all([
    db().$queryRaw<{ correct: bigint; total: bigint }[]>`
      SELECT count(*) FILTER (WHERE verdict = 'correct')::bigint AS correct, count(*)::bigint AS total
      FROM "RoutingReview" WHERE ${Prisma.join(parts, " AND ")}`,
    db().$queryRaw<{ correct: bigint; total: bigint }[]>`
      SELECT count(*) FILTER (WHERE "routeCorrect")::bigint AS correct, count("routeCorrect")::bigint AS total
      FROM "ReviewItem" WHERE ${reviewItemWhere(workspaceId, f, period)}`,
  ]);
  return [
    { source: "review", correct: Number(row?.correct ?? 0), total: Number(row?.total ?? 0) },
    { source: "review_queue", correct: Number(queue?.correct ?? 0), total: Number(queue?.total ?? 0) },
  ];
}

export type ReviewedResolution = { resolved: number; total: number };

/** The review queue's "resolved?" answers: what reviewers judged resolved, next to the status-based resolved rate. */
export async function loadReviewedResolution(
  workspaceId: string,
  f: KpiFilters,
  period: Period = daysOf(f),
): Promise<ReviewedResolution> {
  const [row] = await db().$queryRaw<{ resolved: bigint; total: bigint }[]>`
    SELECT count(*) FILTER (WHERE resolved)::bigint AS resolved, count(resolved)::bigint AS total
    FROM "ReviewItem" WHERE ${reviewItemWhere(workspaceId, f, period)}`;
  return { resolved: Number(row?.resolved ?? 0), total: Number(row?.total ?? 0) };
}

export type FilterOptions = {
  flows: { id: string; name: string; versions: { id: string; number: number }[]; nodeLabels: Record<string, string> }[];
};

/** Flows with their published versions, and node labels from each flow's newest version (for the latency chart). */
export async function loadFilterOptions(workspaceId: string): Promise<FilterOptions> {
  const flows = await db().flow.findMany({
    where: { workspaceId },
    select: {
      id: true,
      name: true,
      versions: {
        where: { kind: "published" },
        select: { id: true, number: true, graph: true },
        orderBy: { number: "desc" },
      },
    },
    orderBy: { name: "asc" },
  });
  return {
    flows: flows.map((flow) => {
      const nodeLabels: Record<string, string> = {};
      // Oldest first, so a label from a newer version wins.
      for (const v of [...flow.versions].reverse()) {
        const nodes = (v.graph as { nodes?: { id?: unknown; label?: unknown }[] } | null)?.nodes ?? [];
        for (const n of nodes) if (typeof n.id === "string" && typeof n.label === "string") nodeLabels[n.id] = n.label;
      }
      return {
        id: flow.id,
        name: flow.name,
        versions: flow.versions.map((v) => ({ id: v.id, number: v.number ?? 0 })),
        nodeLabels,
      };
    }),
  };
}
