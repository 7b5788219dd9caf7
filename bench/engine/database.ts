// bench/engine.ts's database measurements: rows and transactions written (pg_stat counters), orchestration overhead
// from the Span rows, where an event's time goes, and the bare INSERT commit to compare persistence against.
import pg from "pg";
import { quantile } from "@/bench/support/in-process-engine";
import { BARE_INSERTS } from "./config";

export async function rowCounters(client: pg.Client): Promise<{ app: number; queue: number; xacts: number }> {
  await client.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await client.query<{ app: string | null; queue: string | null; xacts: string | null }>(`
    SELECT
      (SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()) AS xacts,
      (SELECT sum(n_tup_ins + n_tup_upd + n_tup_del) FROM pg_stat_user_tables WHERE schemaname = 'public' AND relname <> 'bench_bare') AS app,
      (SELECT sum(n_tup_ins + n_tup_upd + n_tup_del) FROM pg_stat_all_tables WHERE schemaname = 'graphile_worker') AS queue`);
  return { app: Number(rows[0].app ?? 0), queue: Number(rows[0].queue ?? 0), xacts: Number(rows[0].xacts ?? 0) };
}

export async function tableRows(client: pg.Client): Promise<Map<string, number>> {
  await client.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await client.query<{ name: string; n: string }>(`
    SELECT schemaname || '.' || relname AS name, n_tup_ins + n_tup_upd + n_tup_del AS n
    FROM pg_stat_all_tables WHERE schemaname IN ('public', 'graphile_worker') AND relname <> 'bench_bare'`);
  return new Map(rows.map((r) => [r.name, Number(r.n)]));
}

type Overhead = { runs: number; perNode: number[]; runMs: number[]; nodes: number[]; externalMs: number[] };

export async function orchestrationOverhead(client: pg.Client, from: Date, to: Date): Promise<Overhead> {
  const { rows } = await client.query<{ run_ms: number; ext_ms: number; nodes: number }>(
    `WITH runs AS (
       SELECT s."eventId", s."durationMs" AS run_ms FROM "Span" s
       JOIN "ConversationEvent" e ON e.id = s."eventId" AND e.kind = 'customer_message'
       WHERE s.kind = 'run' AND s."startedAt" >= $1 AND s."startedAt" < $2
     ), ext AS (
       SELECT c."eventId", sum(c."durationMs") AS ms FROM "Span" c JOIN runs r USING ("eventId")
       WHERE c.kind IN ('tool', 'llm') GROUP BY 1
     ), nodes AS (
       -- A node's span is its step (lib/platform/trace/node-span.ts).
       SELECT st."eventId", count(*) AS n FROM "Step" st JOIN runs r USING ("eventId") GROUP BY 1
     )
     SELECT r.run_ms::float8 AS run_ms, coalesce(ext.ms, 0)::float8 AS ext_ms, coalesce(nodes.n, 0)::int AS nodes
     FROM runs r LEFT JOIN ext USING ("eventId") LEFT JOIN nodes USING ("eventId")`,
    [from, to],
  );
  const valid = rows.filter((r) => r.nodes > 0);
  return {
    runs: valid.length,
    perNode: valid.map((r) => (r.run_ms - r.ext_ms) / r.nodes),
    runMs: valid.map((r) => r.run_ms),
    nodes: valid.map((r) => r.nodes),
    externalMs: valid.map((r) => r.ext_ms),
  };
}

type EventTimes = { queueMs: number[]; runMs: number[]; failed: number; count: number };

export async function eventTimes(client: pg.Client, from: Date, to: Date): Promise<EventTimes> {
  const { rows } = await client.query<{ queue_ms: number | null; run_ms: number | null; status: string }>(
    `SELECT extract(epoch FROM ("startedAt" - "createdAt")) * 1000 AS queue_ms,
            extract(epoch FROM ("finishedAt" - "startedAt")) * 1000 AS run_ms, status::text AS status
     FROM "ConversationEvent" WHERE kind = 'customer_message' AND "createdAt" >= $1 AND "createdAt" < $2`,
    [from, to],
  );
  return {
    count: rows.length,
    failed: rows.filter((r) => r.status === "failed").length,
    queueMs: rows.filter((r) => r.queue_ms != null).map((r) => Number(r.queue_ms)),
    runMs: rows.filter((r) => r.run_ms != null).map((r) => Number(r.run_ms)),
  };
}

type Bare = { median: number; p95: number; perSecond: number };

export async function bareInserts(databaseUrl: string): Promise<{ sequential: Bare; concurrent: Bare }> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query("DROP TABLE IF EXISTS bench_bare");
    await admin.query(
      "CREATE TABLE bench_bare (id bigserial PRIMARY KEY, payload jsonb, at timestamptz DEFAULT now())",
    );
    const payload = (i: number) => JSON.stringify({ i, text: "Where is my order A1042?", at: Date.now() });
    const run = async (client: pg.Client, n: number, into: number[]) => {
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        await client.query("INSERT INTO bench_bare (payload) VALUES ($1)", [payload(i)]);
        into.push(performance.now() - started);
      }
    };
    // Warm the connection and the plan first.
    await run(admin, 50, []);
    const seq: number[] = [];
    let started = performance.now();
    await run(admin, BARE_INSERTS, seq);
    const seqSeconds = (performance.now() - started) / 1000;

    const clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        return c;
      }),
    );
    const conc: number[] = [];
    started = performance.now();
    await Promise.all(
      clients.map((c, i) => run(c, Math.floor(BARE_INSERTS / 8) + (i < BARE_INSERTS % 8 ? 1 : 0), conc)),
    );
    const concSeconds = (performance.now() - started) / 1000;
    await Promise.all(clients.map((c) => c.end()));
    return {
      sequential: { median: quantile(seq, 0.5), p95: quantile(seq, 0.95), perSecond: seq.length / seqSeconds },
      concurrent: { median: quantile(conc, 0.5), p95: quantile(conc, 0.95), perSecond: conc.length / concSeconds },
    };
  } finally {
    await admin.query("DROP TABLE IF EXISTS bench_bare").catch(() => {});
    await admin.end();
  }
}
