// Counts the SQL statements and transactions a piece of work sends to Postgres from this process: every `pg` client
// (Prisma's driver adapter, the engine's own statements on the transaction's connection, the side pool) goes through
// `pg.Client.prototype.query`. Only statements sent from inside `measure`'s async context count, so the worker's
// polling, heartbeats and cron jobs running meanwhile do not.
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";

export type Measured = {
  /** Every statement, BEGIN and COMMIT included, first words only. */
  statements: string[];
  /** Committed transactions: explicit ones plus statements that ran on their own (autocommit). */
  transactions: number;
};

type Tally = { statements: string[]; transactions: number; open: WeakSet<object> };
const current = new AsyncLocalStorage<Tally>();
let installed = false;

function install() {
  if (installed) return;
  installed = true;
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
    this: object,
    ...args: unknown[]
  ) {
    const tally = current.getStore();
    if (tally) {
      const first = args[0] as string | { text?: string };
      const text = (typeof first === "string" ? first : (first?.text ?? "")).replace(/\s+/g, " ").trim();
      tally.statements.push(text.slice(0, 120));
      const word = text.split(" ")[0].toUpperCase();
      if (word === "BEGIN") tally.open.add(this);
      else if (word === "COMMIT" || word === "ROLLBACK") {
        if (word === "COMMIT") tally.transactions++;
        tally.open.delete(this);
      } else if (!tally.open.has(this)) tally.transactions++;
    }
    return original.apply(this, args);
  };
}

export async function measure<T>(work: () => Promise<T>): Promise<{ result: T } & Measured> {
  install();
  const tally: Tally = { statements: [], transactions: 0, open: new WeakSet() };
  const result = await current.run(tally, work);
  return { result, statements: tally.statements, transactions: tally.transactions };
}
