import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { config } from "@/lib/platform/config";
import {
  keepBatchesOutOfTransactions,
  sqlOn,
  sqlText,
  transactionOn,
  TransactionAwarePool,
  type Sql,
  type TransactionOptions,
} from "./transaction-sql";

export type Db = PrismaClient;

/** How long a transaction may wait for a pooled connection before it fails. */
export const TRANSACTION_MAX_WAIT_MS = 10_000;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as {
  switchboardDb?: { client: PrismaClient; sql: Sql; pool: TransactionAwarePool };
};

function createClient() {
  const url = config().DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start Switchboard with `npm start` (which starts the embedded Postgres) or set DATABASE_URL.",
    );
  }
  const pool = new TransactionAwarePool({ connectionString: url, max: config().DATABASE_POOL_SIZE });
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // Prisma's 2 s wait for a pooled connection turned a burst of customers into 500s ("Unable to start a
    // transaction in the given time"); a request that waits a little longer is still served, and one that cannot
    // be still fails well inside a client's timeout.
    transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS },
  });
  keepBatchesOutOfTransactions(client);
  return { client, sql: sqlOn(pool), pool };
}

function database() {
  globalForDb.switchboardDb ??= createClient();
  return globalForDb.switchboardDb;
}

/** The process-wide client, created on first use so importing this module never needs a database. */
export function db(): PrismaClient {
  return database().client;
}

/** Closes the pool; a connection lost mid-transaction (a database restart) must not keep the process waiting. */
export async function disconnectDb(timeoutMs = 5000): Promise<void> {
  const client = globalForDb.switchboardDb?.client;
  globalForDb.switchboardDb = undefined;
  if (!client) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([client.$disconnect(), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}

/** Prisma's limits for an interactive transaction, which `transactionWithSql` keeps. */
const TRANSACTION_DEFAULTS = { timeout: 5_000, maxWait: TRANSACTION_MAX_WAIT_MS };

/**
 * A transaction opened with `pg` (transaction-sql.ts), for the engine's hot path: `fn`'s statements through
 * `sqlFor(tx)` are prepared statements on its connection, and Prisma model calls on `tx` run in it too. Prisma
 * transactions started inside it (a query plan that needs one, a `db().$transaction`) join it rather than commit on
 * their own, as they would inside Prisma's interactive transactions.
 */
export function transactionWithSql<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T> {
  const { client, pool } = database();
  return transactionOn(pool, client as Tx, fn, { ...TRANSACTION_DEFAULTS, ...options });
}

/**
 * Statements in `tx` as prepared statements through `pg`: for the process's client, in the transaction
 * `transactionWithSql` has open here, if any, else on a pooled connection; in a Prisma interactive transaction,
 * through Prisma.
 */
export function sqlFor(tx: Tx | Db): Sql {
  const own = globalForDb.switchboardDb;
  if (own && tx === own.client) return own.sql;
  return <T>(strings: TemplateStringsArray, ...values: unknown[]) => tx.$queryRawUnsafe<T>(sqlText(strings), ...values);
}
