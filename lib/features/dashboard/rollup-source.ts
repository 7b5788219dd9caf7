// Where the dashboard's queries read roll-up rows from. Day buckets read the stored daily roll-ups. Hour and
// five-minute buckets (ranges up to two days) are rolled up on the spot from the raw tables into temp tables shaped
// like the stored ones, by the very statements the refresh runs (refresh-rollups.ts), with the bucket's start in the
// `day` column: the same definitions at any granularity, and figures that are never a minute behind.
import "server-only";
import { db, type Tx } from "@/lib/platform/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import { RECONTACT_DAYS } from "./definitions";
import { dailyInsert, modelsInsert, nodesInsert } from "./refresh-rollups";
import { utcDay } from "./filters";
import { BUCKET_INTERVAL, type Bucket, type Period } from "./time-window";

export type RollupSource = {
  client: Pick<Tx, "$queryRaw">;
  /** SQL names of the three roll-up tables. */
  tables: { daily: string; node: string; model: string };
  /** The rows of buckets starting in a period, on the table aliased `alias`. */
  during: (alias: string, period: Period) => Prisma.Sql;
};

export function storedRollups(): RollupSource {
  return {
    client: db(),
    tables: { daily: `"KpiDaily"`, node: `"KpiNodeDaily"`, model: `"KpiModelDaily"` },
    during: (alias, p) =>
      Prisma.sql`${Prisma.raw(alias)}.day >= ${utcDay(p.start)}::date AND ${Prisma.raw(alias)}.day < ${utcDay(p.end)}::date`,
  };
}

const TEMP = { daily: "kpi_w_daily", node: "kpi_w_node", model: "kpi_w_model" } as const;

// One row per conversation started in the span, bucketed from the span's start; recontact looks back RECONTACT_DAYS
// before the span, as the refresh does.
const WINDOW_CONVERSATIONS = `
CREATE TEMP TABLE kpi_conv ON COMMIT DROP AS
WITH windowed AS (
  SELECT c.id, c."workspaceId", date_bin($4::interval, c."startedAt", $2::timestamp) AS day, c."flowId", c."flowVersionId",
    c.channel, c.status::text AS status, c."customerId", c."startedAt", c."endedAt", c.state->'intent'->>'id' AS intent,
    lag(c."startedAt") OVER (PARTITION BY c."workspaceId", c."customerId", c.state->'intent'->>'id' ORDER BY c."startedAt", c.id) AS prev_same
  FROM "Conversation" c
  WHERE c."workspaceId" = $1 AND c."startedAt" >= $2::timestamp - interval '${RECONTACT_DAYS} days' AND c."startedAt" < $3::timestamp
    AND c.channel <> '${TEST_CHANNEL}'
)
SELECT * FROM windowed w WHERE w."startedAt" >= $2::timestamp`;

/**
 * Runs `read` against roll-ups of one workspace's conversations started in `span`, bucketed by `bucket`, built in a
 * transaction of its own (the temp tables vanish with it). Meant for spans of a few days at most: it reads every
 * step and span of those conversations.
 */
export async function withWindowRollups<T>(
  workspaceId: string,
  span: Period,
  bucket: Bucket,
  read: (source: RollupSource) => Promise<T>,
): Promise<T> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = '20s'`);
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
      await tx.$executeRawUnsafe(
        WINDOW_CONVERSATIONS,
        workspaceId,
        span.start.toISOString(),
        span.end.toISOString(),
        BUCKET_INTERVAL[bucket],
      );
      await tx.$executeRawUnsafe(`ANALYZE kpi_conv`);
      for (const [name, stored, insert] of [
        [TEMP.daily, "KpiDaily", dailyInsert],
        [TEMP.node, "KpiNodeDaily", nodesInsert],
        [TEMP.model, "KpiModelDaily", modelsInsert],
      ] as const) {
        await tx.$executeRawUnsafe(`CREATE TEMP TABLE ${name} (LIKE "${stored}" INCLUDING DEFAULTS) ON COMMIT DROP`);
        // A bucket starts at any hour or five minutes, not only at midnight.
        await tx.$executeRawUnsafe(`ALTER TABLE ${name} ALTER COLUMN day TYPE timestamp(3)`);
        await tx.$executeRawUnsafe(insert(name));
      }
      return read({
        client: tx,
        tables: TEMP,
        during: (alias, p) =>
          Prisma.sql`${Prisma.raw(alias)}.day >= ${p.start.toISOString()}::timestamp AND ${Prisma.raw(alias)}.day < ${p.end.toISOString()}::timestamp`,
      });
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
