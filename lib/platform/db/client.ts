import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { config } from "@/lib/platform/config";
import { sqlOf, sqlText, transaction, TransactionAwarePool, type Sql } from "./transaction-sql";

export type Db = PrismaClient;

/** How long a transaction may wait for a pooled connection before it fails. */
export const TRANSACTION_MAX_WAIT_MS = 10_000;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { switchboardDb?: PrismaClient };

function createClient(): PrismaClient {
  const url = config().DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start Switchboard with `npm start` (which starts the embedded Postgres) or set DATABASE_URL.",
    );
  }
  const pool = new TransactionAwarePool({ connectionString: url, max: config().DATABASE_POOL_SIZE });
  return new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // Prisma's 2 s wait for a pooled connection turned a burst of customers into 500s ("Unable to start a
    // transaction in the given time"); a request that waits a little longer is still served, and one that cannot
    // be still fails well inside a client's timeout.
    transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS },
  });
}

/** The process-wide client, created on first use so importing this module never needs a database. */
export function db(): PrismaClient {
  globalForDb.switchboardDb ??= createClient();
  return globalForDb.switchboardDb;
}

/** Closes the pool; a connection lost mid-transaction (a database restart) must not keep the process waiting. */
export async function disconnectDb(timeoutMs = 5000): Promise<void> {
  const client = globalForDb.switchboardDb;
  globalForDb.switchboardDb = undefined;
  if (!client) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([client.$disconnect(), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}

/**
 * An interactive transaction whose statements `sqlFor(tx)` can also run through `pg` directly (transaction-sql.ts):
 * the engine's hot path opens its transactions with this.
 */
export function transactionWithSql<T>(
  fn: (tx: Tx) => Promise<T>,
  options?: { timeout?: number; maxWait?: number },
): Promise<T> {
  return transaction<Tx, T>((inner) => db().$transaction(inner, options), fn);
}

/** Statements in `tx`: on its own connection through `pg` when `transactionWithSql` opened it, else through Prisma. */
export function sqlFor(tx: Tx | Db): Sql {
  return (
    sqlOf(tx) ??
    (<T>(strings: TemplateStringsArray, ...values: unknown[]) => tx.$queryRawUnsafe<T>(sqlText(strings), ...values))
  );
}
