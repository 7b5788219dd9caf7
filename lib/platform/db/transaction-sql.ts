// The engine's hot path opens its transactions with `pg` itself and runs its statements as `pg` prepared statements:
// Prisma's model API plans every call (about 1 ms of CPU each, bench:engine prints it), its raw queries cost 0.3 ms,
// a prepared statement 0.08 ms, and Prisma's interactive transaction machinery was the largest share of Prisma left in
// a turn's profile. Code inside such a transaction may still use Prisma's model API on the client it is handed: the
// pool under Prisma's driver adapter sends every query made inside the transaction's async context to the
// transaction's connection (AsyncLocalStorage), so it commits or rolls back with the rest. Prisma keeps the schema,
// the migrations and the console's CRUD.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import pg from "pg";

type Slot = { pool: pg.Pool; client: pg.PoolClient; open: boolean };
// One per process, not per module copy: Next.js bundles this module into more than one of its layers (a route's, a
// server action's), and the pool one copy created must see the transactions another copy opens.
const globalForTx = globalThis as unknown as { switchboardTransactions?: AsyncLocalStorage<Slot> };
const current = (globalForTx.switchboardTransactions ??= new AsyncLocalStorage<Slot>());
/** The transaction this pool's query belongs to; a query from one that has ended fails, as Prisma's would. */
const openSlot = (pool: pg.Pool) => {
  const slot = current.getStore();
  if (!slot || slot.pool !== pool) return undefined;
  if (!slot.open) throw new Error("Transaction already closed: a query was made after its transaction ended.");
  return slot;
};

type Batching = { _requestHandler?: { dataloader?: { options?: { batchBy?: (request: unknown) => unknown } } } };

/**
 * Prisma batches the `findUnique`s made in one tick into one query, sent from the first caller's async context:
 * a transaction's and a request's outside it could share one and read through the wrong connection. Inside a
 * transaction `transactionOn` opened, a `findUnique` is sent on its own.
 */
export function keepBatchesOutOfTransactions(client: object): void {
  const options = (client as Batching)._requestHandler?.dataloader?.options;
  const batchBy = options?.batchBy;
  if (!options || !batchBy) throw new Error("Prisma's request batching has moved: see transaction-sql.ts");
  options.batchBy = (request) => (current.getStore() ? undefined : batchBy(request));
}

/**
 * What Prisma's own transaction statements become on the connection of a transaction already open: nothing, as in
 * Prisma's interactive transactions, where a query plan that needs a transaction runs straight in the open one.
 */
const FLATTENED = new Set(["BEGIN", "COMMIT", "ROLLBACK"]);
const NO_ROWS = { rows: [], rowCount: 0, fields: [], command: "", oid: 0 };

/** The open transaction's connection as Prisma's adapter checks one out for a transaction of its own. */
function joined(slot: Slot): pg.PoolClient {
  const client = slot.client;
  const wrapper = {
    query: (config: string | pg.QueryConfig, values?: unknown[]) => {
      const text = typeof config === "string" ? config : config.text;
      return FLATTENED.has(text) ? Promise.resolve(NO_ROWS) : client.query(config, values);
    },
    on: () => wrapper,
    removeListener: () => wrapper,
    // The transaction's owner releases the connection.
    release: () => {},
  };
  return wrapper as unknown as pg.PoolClient;
}

type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/** The pool Prisma's adapter uses: inside a transaction `transactionOn` opened, its queries go to that transaction. */
export class TransactionAwarePool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const slot = openSlot(this);
    if (slot) {
      if (!callback) return Promise.resolve(joined(slot));
      callback(undefined, joined(slot), () => {});
      return;
    }
    return callback ? super.connect(callback) : super.connect();
  }

  // pg.Pool's `query` has many overloads; every one of them takes the client's arguments.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const slot = openSlot(this);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return slot ? (slot.client.query as any)(...args) : (super.query as any)(...args);
  }

  /** A connection of its own for a new transaction, even inside another one. */
  connectOwn(): Promise<pg.PoolClient> {
    return super.connect();
  }
}

/** A timestamp without time zone is UTC here, as Prisma writes and reads it (pg's default would read local time). */
const TIMESTAMP = 1114;
const getTypeParser = ((oid: number, format?: "text" | "binary") =>
  oid === TIMESTAMP && format !== "binary"
    ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
    : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

export type Sql = {
  /** The rows (typed as `T`, an array, as Prisma's `$queryRaw<T>`) of a tagged-template statement: values are parameters. */
  <T = Record<string, unknown>[]>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T>;
};

/** A tagged template's SQL with its values as $1, $2, …: the one place placeholders are numbered. */
export const sqlText = (strings: TemplateStringsArray) => strings.reduce((acc, part, i) => `${acc}$${i}${part}`);

const statementNames = new Map<string, string>();
function nameOf(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `sb_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

/** Prepared statements on `pool`: in the open transaction when there is one, else on any of its connections. */
export function sqlOn(pool: TransactionAwarePool): Sql {
  return async <T>(strings: TemplateStringsArray, ...values: unknown[]) => {
    const text = sqlText(strings);
    // A named statement is parsed and planned once per connection.
    const result = await pool.query({ name: nameOf(text), text, values, types: { getTypeParser } });
    return result.rows as T;
  };
}

export type TransactionOptions = { timeout?: number; maxWait?: number };

async function connectWithin(pool: TransactionAwarePool, maxWaitMs: number): Promise<pg.PoolClient> {
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const connecting = pool.connectOwn();
  try {
    return await Promise.race([
      connecting,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          late = true;
          reject(new Error(`Unable to start a transaction in the given time: no connection within ${maxWaitMs} ms`));
        }, maxWaitMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    // A connection that arrives after the caller gave up goes straight back.
    if (late)
      void connecting.then(
        (client) => client.release(),
        () => {},
      );
  }
}

/**
 * `fn` in a transaction on a connection of its own, opened and ended with `pg`. `client` is what `fn` gets to use
 * Prisma's model API with: every query it makes inside `fn` runs in this transaction (see TransactionAwarePool).
 * Like Prisma's interactive transactions: `maxWait` bounds the wait for a connection, and a transaction still running
 * after `timeout` is rolled back when `fn` returns.
 */
export async function transactionOn<C, T>(
  pool: TransactionAwarePool,
  client: C,
  fn: (tx: C) => Promise<T>,
  options: Required<TransactionOptions>,
): Promise<T> {
  const connection = await connectWithin(pool, options.maxWait);
  // A connection lost mid-transaction fails the statement in flight; without a listener its error event would
  // take the process down.
  const ignore = () => {};
  connection.on("error", ignore);
  const slot: Slot = { pool, client: connection, open: true };
  const started = performance.now();
  let broken: Error | undefined;
  try {
    await connection.query("BEGIN");
    const result = await current.run(slot, () => fn(client));
    if (performance.now() - started > options.timeout)
      throw new Error(`Transaction rolled back: it ran past its timeout of ${options.timeout} ms`);
    await connection.query("COMMIT");
    return result;
  } catch (error) {
    await connection.query("ROLLBACK").catch((e: Error) => (broken = e));
    throw error;
  } finally {
    slot.open = false;
    connection.removeListener("error", ignore);
    // A connection that could not even roll back is closed rather than handed to the next caller.
    connection.release(broken);
  }
}
