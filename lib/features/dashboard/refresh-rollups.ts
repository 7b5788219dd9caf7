// Keeps the KPI roll-ups (KpiDaily, KpiNodeDaily, KpiModelDaily) up to date. A refresh recomputes whole UTC days: every
// (workspace, day) whose conversations or escalations changed since the watermark, plus the RECONTACT_DAYS after it
// (a conversation's intent decides whether later ones count as recontacts). Per table it is one DELETE and one
// INSERT … SELECT for those days, in one transaction, so readers see either the old or the new figures of a day.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import { HISTOGRAM_BUCKETS, bucketSql } from "./histogram";
import { RECONTACT_DAYS } from "./definitions";
import { spanModelSql, spanUsageSql } from "./span-model-sql";

const STATE_ID = "default";
/** Rows committed a little after the watermark was taken carry an earlier updatedAt: look back this far again. */
const OVERLAP = "2 minutes";
/** Two refreshers never run at once (cron on several workers, a dashboard load): they serialize on this lock. */
const LOCK_KEY = 61_000_006;

export type RefreshResult = { refreshed: boolean; days: number; full: boolean; ms: number };

/** Densifies a jsonb {bucket: count} object into int[HISTOGRAM_BUCKETS]. */
const dense = (json: string) =>
  `ARRAY(SELECT COALESCE((${json}->>g::text)::int, 0) FROM generate_series(0, ${HISTOGRAM_BUCKETS - 1}) g)`;
const emptyHist = `array_fill(0, ARRAY[${HISTOGRAM_BUCKETS}])`;
const ms = (from: string, to: string) => `(EXTRACT(EPOCH FROM (${to} - ${from})) * 1000)`;
const DIMS = `"workspaceId", day, "flowId", "flowVersionId", channel`;
const dimsOf = (alias: string) =>
  DIMS.split(", ")
    .map((d) => `${alias}.${d}`)
    .join(", ");

// 1. The (workspace, day) pairs to recompute. $1 = the old watermark (null: every day).
const TOUCHED = `
CREATE TEMP TABLE kpi_touched ON COMMIT DROP AS
SELECT DISTINCT t."workspaceId", d::date AS day
FROM (
  SELECT c."workspaceId", date_trunc('day', c."startedAt") AS s FROM "Conversation" c
  WHERE ($1::timestamp IS NULL OR c."updatedAt" > $1::timestamp - interval '${OVERLAP}') AND c.channel <> '${TEST_CHANNEL}'
  GROUP BY 1, 2
  UNION
  SELECT c."workspaceId", date_trunc('day', c."startedAt") FROM "Escalation" e JOIN "Conversation" c ON c.id = e."conversationId"
  WHERE $1::timestamp IS NOT NULL AND c.channel <> '${TEST_CHANNEL}' AND GREATEST(e."createdAt", e."claimedAt", e."firstResponseAt", e."resolvedAt", e."slaBreachedAt") > $1::timestamp - interval '${OVERLAP}'
) t, generate_series(t.s, t.s + CASE WHEN $1::timestamp IS NULL THEN interval '0 days' ELSE interval '${RECONTACT_DAYS} days' END, interval '1 day') d`;

// The touched days and the RECONTACT_DAYS before each: recontact looks back over those.
const CONTEXT = `
CREATE TEMP TABLE kpi_context ON COMMIT DROP AS
SELECT DISTINCT t."workspaceId", (t.day - k)::date AS day FROM kpi_touched t, generate_series(0, ${RECONTACT_DAYS}) k`;

// 2. The conversations of those days, one row each, with what every roll-up needs. Recontact looks back over the
//    RECONTACT_DAYS before each day, so those days' conversations take part in the window function too.
const CONVERSATIONS = `
CREATE TEMP TABLE kpi_conv ON COMMIT DROP AS
WITH windowed AS (
  SELECT c.id, c."workspaceId", c."startedAt"::date AS day, c."flowId", c."flowVersionId", c.channel, c.status::text AS status,
    c."customerId", c."startedAt", c."endedAt", c.state->'intent'->>'id' AS intent,
    lag(c."startedAt") OVER (PARTITION BY c."workspaceId", c."customerId", c.state->'intent'->>'id' ORDER BY c."startedAt", c.id) AS prev_same
  FROM kpi_context x JOIN "Conversation" c ON c."workspaceId" = x."workspaceId" AND c."startedAt" >= x.day AND c."startedAt" < x.day + 1
  WHERE c.channel <> '${TEST_CHANNEL}'
)
-- An equality join on the day, so Postgres hashes the touched days instead of range-testing every pair.
SELECT w.* FROM windowed w WHERE EXISTS (SELECT 1 FROM kpi_touched t WHERE t."workspaceId" = w."workspaceId" AND t.day = w.day)`;

// Handoff: an agent step whose previous agent step in the conversation ran another agent node (the receiving agent's
// first step). It "asked again" when that step stopped to ask the customer for a slot that was already known: a
// rules agent asking for a slot the previous agent had known or extracted, or that this step dropped from the state
// (stateChanges path slots.<name>); an LLM agent asking (askedFor) although the previous agent had known or extracted
// slots, which it was told not to ask for again.
const ASKED_AGAIN = `(
  (s.output->'handoff'->>'askedFor' IS NOT NULL AND (
     COALESCE(s.prev_output->'handoff'->'known', '[]') ? (s.output->'handoff'->>'askedFor')
     OR COALESCE(s.prev_output->'handoff'->'extracted', '[]') ? (s.output->'handoff'->>'askedFor')
     OR COALESCE(s.output->'stateChanges', '[]') @> jsonb_build_array(jsonb_build_object('path', 'slots.' || (s.output->'handoff'->>'askedFor')))))
  OR (s.output->>'askedFor' IS NOT NULL AND (
     jsonb_array_length(COALESCE(s.prev_output->'handoff'->'known', '[]')) + jsonb_array_length(COALESCE(s.prev_output->'handoff'->'extracted', '[]')) > 0)))`;

/** The roll-up statements, into `table` (the stored roll-ups, or a window's temp tables: window-rollups.ts). */
export const dailyInsert = (table: string) => `
INSERT INTO ${table} (${DIMS}, started, resolved, contained, escalated, abandoned, failed, handoffs, "handoffsAskedAgain",
  "recontactEligible", recontacts, "toolCalls", "toolCallsOk", escalations, "escalationsAnswered", "slaBreaches",
  "ttrBotHist", "ttrHumanHist", "firstResponseHist")
WITH esc AS (
  SELECT e."conversationId", count(*)::int AS n, count(e."firstResponseAt")::int AS answered,
    count(*) FILTER (WHERE e."slaBreachedAt" IS NOT NULL OR e."firstResponseAt" > e."slaDueAt")::int AS breaches
  FROM "Escalation" e WHERE e."conversationId" IN (SELECT id FROM kpi_conv) GROUP BY 1
), agent_steps AS (
  SELECT s."conversationId", s."nodeId", s.output,
    lag(s."nodeId") OVER w AS prev_node, lag(s.output) OVER w AS prev_output
  FROM kpi_conv c JOIN "Step" s ON s."conversationId" = c.id AND s."nodeKind" = 'agent'
  WINDOW w AS (PARTITION BY s."conversationId" ORDER BY s.turn, s.seq)
), handoff AS (
  SELECT s."conversationId", count(*)::int AS n, count(*) FILTER (WHERE ${ASKED_AGAIN})::int AS asked_again
  FROM agent_steps s WHERE s.prev_node IS NOT NULL AND s.prev_node <> s."nodeId" GROUP BY 1
), tools AS (
  -- Per conversation through the (conversationId, startedAt) index: a refresh touches few conversations among millions.
  SELECT c.id AS "conversationId", t.n, t.ok FROM kpi_conv c CROSS JOIN LATERAL (
    SELECT count(*)::int AS n, count(*) FILTER (WHERE sp.status = 'ok')::int AS ok FROM "Span" sp WHERE sp."conversationId" = c.id AND sp.kind = 'tool'
  ) t WHERE t.n > 0
), facts AS (
  SELECT c.*, COALESCE(esc.n, 0) AS esc_n, COALESCE(esc.answered, 0) AS esc_answered, COALESCE(esc.breaches, 0) AS esc_breaches,
    COALESCE(h.n, 0) AS handoffs, COALESCE(h.asked_again, 0) AS asked_again, COALESCE(tl.n, 0) AS tool_n, COALESCE(tl.ok, 0) AS tool_ok,
    CASE WHEN c.status = 'resolved' AND c."endedAt" IS NOT NULL THEN ${bucketSql(ms('c."startedAt"', 'c."endedAt"'))} END AS ttr_bucket
  FROM kpi_conv c LEFT JOIN esc ON esc."conversationId" = c.id LEFT JOIN handoff h ON h."conversationId" = c.id
  LEFT JOIN tools tl ON tl."conversationId" = c.id
), ttr AS (
  SELECT ${DIMS}, jsonb_object_agg(bucket, n) FILTER (WHERE NOT human) AS bot, jsonb_object_agg(bucket, n) FILTER (WHERE human) AS human
  FROM (SELECT ${DIMS}, esc_n > 0 AS human, ttr_bucket AS bucket, count(*) AS n FROM facts WHERE ttr_bucket IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7) b
  GROUP BY 1, 2, 3, 4, 5
), first_response AS (
  SELECT ${DIMS}, jsonb_object_agg(bucket, n) AS h FROM (
    SELECT ${dimsOf("c")}, ${bucketSql(ms('e."createdAt"', 'e."firstResponseAt"'))} AS bucket, count(*) AS n
    FROM kpi_conv c JOIN "Escalation" e ON e."conversationId" = c.id WHERE e."firstResponseAt" IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
  ) b GROUP BY 1, 2, 3, 4, 5
), totals AS (
  SELECT ${DIMS}, count(*)::int AS started,
    count(*) FILTER (WHERE status = 'resolved')::int AS resolved,
    count(*) FILTER (WHERE status = 'resolved' AND esc_n = 0)::int AS contained,
    count(*) FILTER (WHERE esc_n > 0)::int AS escalated,
    count(*) FILTER (WHERE status = 'abandoned')::int AS abandoned,
    count(*) FILTER (WHERE status = 'failed')::int AS failed,
    sum(handoffs)::int AS handoffs, sum(asked_again)::int AS asked_again,
    count(*) FILTER (WHERE "customerId" IS NOT NULL AND intent IS NOT NULL)::int AS recontact_eligible,
    count(*) FILTER (WHERE "customerId" IS NOT NULL AND intent IS NOT NULL AND prev_same >= "startedAt" - interval '${RECONTACT_DAYS} days')::int AS recontacts,
    sum(tool_n)::int AS tool_n, sum(tool_ok)::int AS tool_ok,
    sum(esc_n)::int AS esc_n, sum(esc_answered)::int AS esc_answered, sum(esc_breaches)::int AS esc_breaches
  FROM facts GROUP BY 1, 2, 3, 4, 5
)
SELECT ${dimsOf("t")}, t.started, t.resolved, t.contained, t.escalated, t.abandoned, t.failed, t.handoffs, t.asked_again,
  t.recontact_eligible, t.recontacts, t.tool_n, t.tool_ok, t.esc_n, t.esc_answered, t.esc_breaches,
  CASE WHEN ttr.bot IS NULL THEN ${emptyHist} ELSE ${dense("ttr.bot")} END,
  CASE WHEN ttr.human IS NULL THEN ${emptyHist} ELSE ${dense("ttr.human")} END,
  CASE WHEN fr.h IS NULL THEN ${emptyHist} ELSE ${dense("fr.h")} END
FROM totals t
LEFT JOIN ttr USING (${DIMS})
LEFT JOIN first_response fr USING (${DIMS})`;

// Latency per node from the steps (start → end of each node execution, retries included).
export const nodesInsert = (table: string) => `
INSERT INTO ${table} (${DIMS}, "nodeId", "nodeKind", steps, failed, "latencyHist")
SELECT ${DIMS}, "nodeId", max("nodeKind"), sum(n)::int, sum(failed)::int, ${dense("jsonb_object_agg(bucket, n) FILTER (WHERE bucket IS NOT NULL)")}
FROM (
  SELECT ${dimsOf("c")}, s."nodeId", s."nodeKind", count(*) AS n, count(*) FILTER (WHERE s.status = 'failed') AS failed,
    CASE WHEN s."endedAt" IS NOT NULL THEN ${bucketSql(ms('s."startedAt"', 's."endedAt"'))} END AS bucket
  FROM kpi_conv c JOIN "Step" s ON s."conversationId" = c.id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 10
) b GROUP BY 1, 2, 3, 4, 5, 6`;

// Model calls from the llm spans: the model is the span's attributes.model or, as the engine writes it, its name;
// the offline stand-in's calls count as "offline" with no tokens or cost (span-model-sql.ts).
export const modelsInsert = (table: string) => `
INSERT INTO ${table} (${DIMS}, model, calls, errors, "tokensIn", "tokensOut", "costUsd", "latencyHist")
SELECT ${DIMS}, model, sum(n)::int, sum(errors)::int, sum(tin)::bigint, sum(tout)::bigint, COALESCE(sum(cost), 0),
  ${dense("jsonb_object_agg(bucket, n)")}
FROM (
  SELECT ${dimsOf("c")}, ${spanModelSql("sp")} AS model, ${bucketSql('sp."durationMs"')} AS bucket,
    count(*) AS n, count(*) FILTER (WHERE sp.status <> 'ok') AS errors,
    sum(${spanUsageSql("sp", '"tokensIn"')}) AS tin, sum(${spanUsageSql("sp", '"tokensOut"')}) AS tout,
    sum(${spanUsageSql("sp", '"costUsd"')}) AS cost
  -- OFFSET 0 keeps the lateral subquery a per-conversation index lookup (see tools above).
  FROM kpi_conv c CROSS JOIN LATERAL (SELECT * FROM "Span" s WHERE s."conversationId" = c.id AND s.kind = 'llm' OFFSET 0) sp
  GROUP BY 1, 2, 3, 4, 5, 6, 7
) b GROUP BY 1, 2, 3, 4, 5, 6`;

const deleteTouched = (table: string) =>
  `DELETE FROM "${table}" r USING kpi_touched t WHERE r."workspaceId" = t."workspaceId" AND r.day = t.day`;

/**
 * Brings the roll-ups up to date. `full` recomputes every day (first run, or after a definition change).
 * `ifOlderThanMs`: only refresh when the last refresh is older than that, and skip (not wait) when another refresh is
 * running — what the dashboard does on load so that a page view never queues behind the cron.
 */
/** Longer than any engine transaction (run-event's TX_TIMEOUT_MS). */
const LATE_COMMIT_MS = 150_000;

export async function refreshRollups(
  options: { full?: boolean; ifOlderThanMs?: number; log?: (line: string) => void } = {},
): Promise<RefreshResult> {
  const started = performance.now();
  const timed = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await run();
    options.log?.(`  ${what}: ${(performance.now() - t0).toFixed(0)} ms`);
    return result;
  };
  const opportunistic = options.ifOlderThanMs !== undefined;
  return db().$transaction(
    async (tx) => {
      // Bounded waits: a refresh stuck behind a lock or a slow statement gives up (the next minute tries again)
      // instead of holding the refresh lock, and with it every later refresh, for minutes. A page view waits least.
      await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${opportunistic ? "5s" : "30s"}'`);
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = '${opportunistic ? "20s" : "300s"}'`);
      if (opportunistic) {
        const [state] = await tx.$queryRaw<
          { refreshedAt: Date | null }[]
        >`SELECT "refreshedAt" FROM "KpiRollupState" WHERE id = ${STATE_ID}`;
        if (state?.refreshedAt && Date.now() - state.refreshedAt.getTime() < options.ifOlderThanMs!) {
          return { refreshed: false, days: 0, full: false, ms: performance.now() - started };
        }
        const [lock] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}) AS ok`;
        if (!lock.ok) return { refreshed: false, days: 0, full: false, ms: performance.now() - started };
      } else {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
      }
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
      const [state] = await tx.$queryRaw<{ watermark: Date | null }[]>`
        INSERT INTO "KpiRollupState" (id) VALUES (${STATE_ID}) ON CONFLICT (id) DO UPDATE SET id = EXCLUDED.id RETURNING watermark`;
      const full = options.full === true || !state.watermark;
      const watermark = full ? null : state.watermark;
      // The new watermark is taken before reading, in UTC like every Prisma DateTime column.
      const [{ now }] = await tx.$queryRaw<
        { now: Date }[]
      >`SELECT (clock_timestamp() AT TIME ZONE 'UTC')::timestamp(3) AS now`;
      await timed("touched days", () => tx.$executeRawUnsafe(TOUCHED, watermark));
      const [{ days }] = await tx.$queryRawUnsafe<{ days: number }[]>(`SELECT count(*)::int AS days FROM kpi_touched`);
      if (full) {
        // DELETE, not TRUNCATE: the app's database role may change rows but not truncate (lib/platform/db/app-role.ts).
        for (const table of ["KpiDaily", "KpiNodeDaily", "KpiModelDaily"])
          await tx.$executeRawUnsafe(`DELETE FROM "${table}"`);
      }
      if (days > 0) {
        // Temp tables have no statistics until analysed; without them the planner scans every conversation.
        await tx.$executeRawUnsafe(`ANALYZE kpi_touched`);
        await tx.$executeRawUnsafe(CONTEXT);
        await tx.$executeRawUnsafe(`ANALYZE kpi_context`);
        await timed("conversations of those days", () => tx.$executeRawUnsafe(CONVERSATIONS));
        await tx.$executeRawUnsafe(`ANALYZE kpi_conv`);
        for (const [table, insert] of [
          ["KpiDaily", dailyInsert(`"KpiDaily"`)],
          ["KpiNodeDaily", nodesInsert(`"KpiNodeDaily"`)],
          ["KpiModelDaily", modelsInsert(`"KpiModelDaily"`)],
        ] as const) {
          if (!full) await tx.$executeRawUnsafe(deleteTouched(table));
          await timed(table, () => tx.$executeRawUnsafe(insert));
        }
      }
      // A conversation's updatedAt is stamped when its transaction writes it, not when it commits: one still open
      // now can commit after this refresh has read. The next refresh looks back far enough to see it (an engine
      // transaction lasts at most two minutes), at the cost of recounting the days touched in that time.
      const nextWatermark = new Date(now.getTime() - LATE_COMMIT_MS);
      await tx.$executeRaw`UPDATE "KpiRollupState" SET watermark = ${nextWatermark}, "refreshedAt" = ${now} WHERE id = ${STATE_ID}`;
      return { refreshed: true, days, full, ms: performance.now() - started };
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}

/** When the roll-ups were last refreshed (null: never). */
export async function rollupsRefreshedAt(): Promise<Date | null> {
  const state = await db().kpiRollupState.findUnique({ where: { id: STATE_ID } });
  return state?.refreshedAt ?? null;
}
