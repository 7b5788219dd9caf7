// Postgres restarted in the middle of the load: the engine (worker pool, LISTEN connection, the app's client)
// recovers by itself and every accepted message is processed exactly once. This file runs its own embedded
// Postgres, because restarting the shared test server would pull the rug from the other test files.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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

describe("Postgres restarted mid-load", () => {
  it("recovers by itself: every message is answered once", async () => {
    const { workspace, flow } = await publishedFlow(TICKET_FLOW, "tickets");
    const worker = await startEngineWorker({ connectionString: url, concurrency: 4 });
    try {
      const conversations = await Promise.all(
        Array.from({ length: 20 }, () =>
          startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "api" }),
        ),
      );
      const eventIds: string[] = [];
      for (const text of ["first", "second"]) {
        for (const c of conversations)
          eventIds.push(await enqueueTurn({ workspaceId: workspace.id, conversationId: c.id, text }));
      }
      const done = () => db().conversationEvent.count({ where: { id: { in: eventIds }, status: "done" } });
      await waitFor(async () => (await done()) >= 5, 30_000, "the first events");

      await server.stop(); // a fast shutdown: every connection drops, in-flight transactions roll back
      await new Promise((resolve) => setTimeout(resolve, 1000));
      server = await startEmbeddedPostgres({ dataRoot, persistent: true, port });

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
            { now: new Date(), jobs, queues, workers, owned: worker.poolIds() },
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
        expect(replies).toBe(2);
      }
      expect(await db().toolEffect.count({ where: { workspaceId: workspace.id } })).toBe(eventIds.length);
      expect(await db().supportTicket.count({ where: { workspaceId: workspace.id } })).toBe(eventIds.length);
    } finally {
      await worker.stop();
    }
  }, 200_000);
});
