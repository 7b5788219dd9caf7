// Every roll-up count and histogram per bucket over a span (the previous period and the current one together): one
// query for the counts and one for the histograms give the cards' values, their changes, their sparklines and the
// conversations chart.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { KpiFilters } from "./filters";
import { emptyTotals } from "./kpi-series";
import { COUNT_COLUMNS, densify, rollupWhere, type KpiTotals } from "./queries";
import type { RollupSource } from "./rollup-source";
import type { Period } from "./time-window";

type CountRow = { t: string } & Record<(typeof COUNT_COLUMNS)[number], bigint>;
type HistRow = { t: string; i: bigint; bot: bigint; human: bigint; fr: bigint };

/** KpiTotals per bucket start (ISO, UTC); buckets without conversations are absent. */
export async function loadKpiSeries(
  workspaceId: string,
  f: KpiFilters,
  source: RollupSource,
  span: Period,
): Promise<Map<string, KpiTotals>> {
  const where = rollupWhere(workspaceId, f, "r", source, span);
  const table = Prisma.raw(source.tables.daily);
  const t = Prisma.raw(`to_char(r.day, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS t`);
  const sums = Prisma.join(
    COUNT_COLUMNS.map((c) => Prisma.raw(`COALESCE(sum(r."${c}"), 0)::bigint AS "${c}"`)),
    ", ",
  );
  const [counts, hists] = await Promise.all([
    source.client.$queryRaw<
      CountRow[]
    >`SELECT ${t}, ${sums} FROM ${table} r WHERE ${where} GROUP BY r.day ORDER BY r.day`,
    source.client.$queryRaw<HistRow[]>`
      SELECT ${t}, u.i, sum(u.bot)::bigint AS bot, sum(u.human)::bigint AS human, sum(u.fr)::bigint AS fr
      FROM ${table} r, unnest(r."ttrBotHist", r."ttrHumanHist", r."firstResponseHist") WITH ORDINALITY AS u(bot, human, fr, i)
      WHERE ${where} AND (u.bot > 0 OR u.human > 0 OR u.fr > 0) GROUP BY r.day, u.i`,
  ]);
  const histsByBucket = new Map<string, HistRow[]>();
  for (const row of hists) histsByBucket.set(row.t, [...(histsByBucket.get(row.t) ?? []), row]);
  const out = new Map<string, KpiTotals>();
  for (const row of counts) {
    const h = densify(histsByBucket.get(row.t) ?? [], ["bot", "human", "fr"] as const);
    const totals = emptyTotals();
    for (const c of COUNT_COLUMNS) totals[c] = Number(row[c]);
    out.set(row.t, { ...totals, ttrBot: h.bot, ttrHuman: h.human, firstResponse: h.fr });
  }
  return out;
}
