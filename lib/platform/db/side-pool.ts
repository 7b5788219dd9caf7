import "server-only";
import pg from "pg";
import { config } from "@/lib/platform/config";

const globalForSide = globalThis as unknown as { switchboardSidePool?: pg.Pool };

/**
 * A tiny pool of its own, outside Prisma's, for statements that must commit by themselves while the caller's
 * transaction is open: a reply's streamed deltas (NOTIFY outside a transaction is delivered at once) and a tool's
 * per-minute counter (a row no turn may hold locked until its commit). Its holders never wait for the main pool, so
 * a turn waiting for it cannot deadlock the two.
 */
export function sidePool(): pg.Pool {
  if (!globalForSide.switchboardSidePool) {
    const url = config().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    const pool = new pg.Pool({
      connectionString: url,
      max: 3,
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
      connectionTimeoutMillis: 2000,
    });
    pool.on("error", () => {}); // an idle connection dropped (database restart): the pool opens a new one next time
    globalForSide.switchboardSidePool = pool;
  }
  return globalForSide.switchboardSidePool;
}

export async function closeSidePool(): Promise<void> {
  const pool = globalForSide.switchboardSidePool;
  globalForSide.switchboardSidePool = undefined;
  await pool?.end().catch(() => {});
}
