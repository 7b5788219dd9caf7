// bench/engine.ts's own limits and customers, on the bench's throw-away database only: the Retail flow republished
// with its tools' per-minute limits raised (the demo allows lookup_order 120 times a minute per workspace, which 50
// customers pass within seconds: their turns would then measure the refusal, not the lookup), and the demo customers
// with their orders, so each simulated customer asks about orders that are theirs as an integration that names its
// customer does (the API's `customer`, verified).
import pg from "pg";
import { raiseToolLimits } from "@/bench/support/raise-tool-limits";
import { FLOW_SLUG, ROUTER_MODE } from "./config";

export type BenchCustomer = { ref: string; orders: string[] };

/** The Retail flow republished with its tools' per-minute limits raised (and BENCH_ROUTER_MODE); returns how many. */
export async function raiseBenchToolLimits(databaseUrl: string): Promise<number> {
  // The app's modules read DATABASE_URL on first use: point them at the bench's database before importing them.
  process.env.DATABASE_URL = databaseUrl;
  const { db, disconnectDb } = await import("@/lib/platform/db/client");
  const { DEMO_WORKSPACE_SLUG } = await import("@/prisma/demo/seed-demo");
  try {
    const workspace = await db().workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE_SLUG } });
    return await raiseToolLimits(workspace.id, FLOW_SLUG, ROUTER_MODE);
  } finally {
    await disconnectDb();
  }
}

export async function loadCustomers(client: pg.Client, apiKey: string): Promise<BenchCustomer[]> {
  const { rows } = await client.query<{ ref: string; orders: string[] }>(
    `SELECT c.ref, array_agg(o.number ORDER BY o.number) AS orders
     FROM "ApiKey" k JOIN "Customer" c ON c."workspaceId" = k."workspaceId"
     JOIN "Order" o ON o."customerId" = c.id
     WHERE k.hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')
     GROUP BY c.ref`,
    [apiKey],
  );
  if (rows.length === 0) throw new Error("The bench's workspace has no customers with orders (is the demo seeded?).");
  return rows;
}
