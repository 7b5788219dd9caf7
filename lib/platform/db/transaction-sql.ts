// The engine's hot path talks to Postgres through `pg` directly, inside the same transaction Prisma opened: Prisma's
// model API plans every call (about 1 ms of CPU each, bench:engine prints it), its raw queries cost 0.3 ms, a `pg`
// prepared statement 0.08 ms. The pool under Prisma's driver adapter notes which connection a transaction started
// on (AsyncLocalStorage, set by `transaction()` below); `sqlOf(tx)` then runs statements on that connection, so they
// commit or roll back with everything Prisma does in the same transaction. Prisma keeps the schema, the migrations
// and the console's CRUD.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import pg from "pg";

type Slot = { client?: pg.PoolClient };
type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;
const starting = new AsyncLocalStorage<Slot>();

/** The pool Prisma's adapter uses: the first connection a `transaction()` checks out is its transaction's. */
export class TransactionAwarePool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const slot = starting.getStore();
    if (callback) return super.connect(callback);
    return super.connect().then((client) => {
      if (slot && !slot.client) slot.client = client;
      return client;
    });
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

function sqlOn(client: pg.PoolClient): Sql {
  return async <T>(strings: TemplateStringsArray, ...values: unknown[]) => {
    const text = sqlText(strings);
    // A named statement is parsed and planned once per connection.
    const result = await client.query({ name: nameOf(text), text, values, types: { getTypeParser } });
    return result.rows as T;
  };
}

const connections = new WeakMap<object, Sql>();

/** The statements of a transaction `transaction()` opened; undefined for one opened otherwise. */
export function sqlOf(tx: object): Sql | undefined {
  return connections.get(tx);
}

/**
 * `db().$transaction(fn)` with the transaction's own connection noted, so `sqlOf(tx)` reaches it. Nothing else may
 * check a connection out before Prisma's transaction does: `open` is exactly `(fn) => db().$transaction(fn, options)`.
 */
export async function transaction<Tx extends object, T>(
  open: (fn: (tx: Tx) => Promise<T>) => Promise<T>,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const slot: Slot = {};
  return starting.run(slot, () =>
    open(async (tx) => {
      if (slot.client) connections.set(tx, sqlOn(slot.client));
      return fn(tx);
    }),
  );
}
