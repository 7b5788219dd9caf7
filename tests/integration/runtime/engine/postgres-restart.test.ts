// Postgres restarted in the middle of the load: the engine (worker pool, LISTEN connection, the app's client)
// recovers by itself and every accepted message is processed exactly once, including the event whose transaction
// the stop cut off. This file runs its own embedded
// Postgres, because restarting the shared test server would pull the rug from the other test files.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { db, disconnectDb } from "@/lib/platform/db/client";
import { startEmbeddedPostgres } from "@/lib/platform/db/embedded-postgres";
import { ensureDatabase } from "@/lib/platform/db/ensure-database";
import { migrateDeploy, migrateQueue } from "@/lib/platform/db/migrate";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { startEngineWorker } from "@/lib/interfaces/worker/start-worker";
import { enqueueTurn, publishedFlow, stopInProcessWorker, TICKET_FLOW, waitFor } from "@/tests/support/engine";

await stopInProcessWorker();
await disconnectDb();
const dataRoot = mkdtempSync(path.join(os.tmpdir(), "switchboard-restart-"));
let server = await startEmbeddedPostgres({ dataRoot, persistent: true });
const port = server.port;
const url = server.serverUrl("restart");
await ensureDatabase(url);
await migrateDeploy(url);
await migrateQueue(url);
process.env.DATABASE_URL = url;
process.env.ENGINE_HEARTBEAT_MS = "300";

afterAll(async () => {
  await disconnectDb();
  await server.stop().catch(() => {});
  rmSync(dataRoot, { recursive: true, force: true });
});

const CONVERSATIONS = 30;
const MESSAGES = 4;
const CONCURRENCY = 4;
/** Events that must provably still be ahead at the stop, beyond the few that can commit during it (see below). */
const MIN_AHEAD = 20;

describe("Postgres restarted mid-load", () => {
  it("recovers by itself: every message is answered once, the interrupted one included", async () => {
    const { workspace, flow } = await publishedFlow(TICKET_FLOW, "tickets");
    const conversations = await Promise.all(
      Array.from({ length: CONVERSATIONS }, () =>
        startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "api" }),
      ),
    );
    // Everything is queued before the worker starts, so however fast the engine is, the stop below finds most of the
    // load still ahead (a worker running while messages trickle in keeps up with them).
    const eventIds: string[] = [];
    for (let m = 1; m <= MESSAGES; m++) {
      for (const c of conversations)
        eventIds.push(await enqueueTurn({ workspaceId: workspace.id, conversationId: c.id, text: `message ${m}` }));
    }
    const done = () => db().conversationEvent.count({ where: { id: { in: eventIds }, status: "done" } });

    // The first conversation's row, locked by this test: its first event (the first job in the queue) blocks inside
    // its wave transaction, so when Postgres goes down that event is provably mid-processing, not merely queued.
    // FOR NO KEY UPDATE conflicts with the engine's FOR UPDATE, and the lock lasts until the stop ends this session.
    const holder = new pg.Client({ connectionString: url });
    holder.on("error", () => {}); // the stop terminates this session on purpose
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query(`SELECT id FROM "Conversation" WHERE id = $1 FOR NO KEY UPDATE`, [conversations[0].id]);
    const { rows } = await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const holderPid = rows[0].pid;
    const snapshot = async () => {
      const [row] = await db().$queryRaw<{ done: number; blocked: number }[]>`
        SELECT (SELECT count(*)::int FROM "ConversationEvent" WHERE id = ANY(${eventIds}::text[]) AND status = 'done')
                 AS done,
               (SELECT count(*)::int FROM pg_stat_activity WHERE ${holderPid}::int = ANY(pg_blocking_pids(pid)))
                 AS blocked`;
      return row;
    };

    const worker = await startEngineWorker({ connectionString: url, concurrency: CONCURRENCY });
    try {
      // Stop once the locked event is blocked and the other jobs have finished a few events (the load is under way).
      // Polled without a pause, so however fast the engine runs, the read that satisfies the loop is the one just
      // before the stop.
      const deadline = Date.now() + 30_000;
      let atStop = await snapshot();
      while (atStop.blocked === 0 || atStop.done < 5) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for the first events: ${JSON.stringify(atStop)}`);
        atStop = await snapshot();
      }
      await server.stop(); // a fast shutdown: every connection drops, in-flight transactions roll back
      await new Promise((resolve) => setTimeout(resolve, 1000));
      server = await startEmbeddedPostgres({ dataRoot, persistent: true, port });

      // Work was still ahead when Postgres went down. Between the read and the stop each of the CONCURRENCY jobs can
      // commit at most the one transaction it was already in: server.stop() sends the shutdown signal in the same tick
      // as the read's result, and finishing a job and committing the next one's transaction takes several round trips, so at least MIN_AHEAD events were provably not done.
      expect(eventIds.length - atStop.done).toBeGreaterThanOrEqual(CONCURRENCY + MIN_AHEAD);
      // And one event was mid-processing: a worker transaction waited on this test's lock, which only the stop released,
      // so that transaction was cut off and its event can only be done below if the engine recovered it.
      expect(atStop.blocked).toBeGreaterThanOrEqual(1);

      try {
        await waitFor(
          async () => (await done().catch(() => 0)) === eventIds.length,
          60_000,
          "every event after the restart",
        );
      } catch (error) {
        const jobs = await db().$queryRawUnsafe(
          `SELECT id, attempts, run_at, locked_by, locked_at, last_error FROM graphile_worker._private_jobs`,
        );
        const queues = await db().$queryRawUnsafe(
          `SELECT * FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL`,
        );
        const workers = await db().engineWorker.findMany();
        console.log(
          JSON.stringify(
            { now: new Date(), atStop, jobs, queues, workers, owned: worker.poolIds() },
            (_k, v) => (typeof v === "bigint" ? String(v) : v),
            1,
          ),
        );
        throw error;
      }
      for (const c of conversations) {
        const replies = await db().message.count({
          where: { conversationId: c.id, role: "agent", text: { startsWith: "Ticket " } },
        });
        expect(replies).toBe(MESSAGES);
      }
      expect(await db().toolEffect.count({ where: { workspaceId: workspace.id } })).toBe(eventIds.length);
      expect(await db().supportTicket.count({ where: { workspaceId: workspace.id } })).toBe(eventIds.length);
    } finally {
      await worker.stop();
      await holder.end().catch(() => {});
    }
  }, 200_000);
});
