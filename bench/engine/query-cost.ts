// The cost of one small query three ways on the bench's database, measured in this process: Prisma's model API
// (its query compiler plans every call), Prisma's raw query ($queryRaw on the same driver adapter) and the `pg` pool
// directly. CPU time per query is what bounds turns per second on two cores; wall time includes the round trip.
import pg from "pg";
import { fmt } from "@/bench/support/format";

const N = 2000;

async function measure(run: () => Promise<unknown>): Promise<{ wallMs: number; cpuMs: number }> {
  for (let i = 0; i < 100; i++) await run(); // warm the plan caches and the connection
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < N; i++) await run();
  const used = process.cpuUsage(cpu);
  return { wallMs: (performance.now() - started) / N, cpuMs: (used.user + used.system) / 1000 / N };
}

export async function queryCost(databaseUrl: string): Promise<string[]> {
  process.env.DATABASE_URL = databaseUrl;
  const { db, disconnectDb } = await import("@/lib/platform/db/client");
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { id } = await db().order.findFirstOrThrow({ select: { id: true } });
    const model = await measure(() =>
      db().order.findUnique({ where: { id }, select: { id: true, status: true, shippingAddress: true } }),
    );
    const raw = await measure(() => db().$queryRaw`SELECT id, status, "shippingAddress" FROM "Order" WHERE id = ${id}`);
    const direct = await measure(() =>
      pool.query({
        name: "bench-order",
        text: `SELECT id, status, "shippingAddress" FROM "Order" WHERE id = $1`,
        values: [id],
      }),
    );
    const line = (name: string, r: { wallMs: number; cpuMs: number }) =>
      `  ${name.padEnd(34)} ${fmt(r.cpuMs, 3)} ms CPU, ${fmt(r.wallMs, 3)} ms wall per query`;
    return [
      `One primary-key SELECT of an order, ${N} times sequentially in the bench process:`,
      line("Prisma model API (findUnique)", model),
      line("Prisma raw ($queryRaw)", raw),
      line("pg pool, prepared statement", direct),
    ];
  } finally {
    await pool.end();
    await disconnectDb();
  }
}
