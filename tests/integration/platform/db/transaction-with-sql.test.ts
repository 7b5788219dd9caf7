import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db, sqlFor, transactionWithSql, type Tx } from "@/lib/platform/db/client";
import { TransactionAwarePool, transactionOn } from "@/lib/platform/db/transaction-sql";
import { demoWorkspace } from "@/tests/support/factories";

// transactionWithSql opens its transaction with pg; Prisma's model API, its raw queries, its own transactions (a
// nested write's query plan, an explicit $transaction) and sqlFor's prepared statements made inside it must all land
// in that one transaction, and nothing made after it.

async function customer(tx: Tx, workspaceId: string, ref: string) {
  return tx.customer.create({ data: { workspaceId, ref, name: "Probe", email: `${ref}@probe.test` } });
}
/** The same row as `customer`, written as a prepared statement on the transaction's connection. */
const customerViaSql = (tx: Tx, workspaceId: string, ref: string) =>
  sqlFor(
    tx,
  )`INSERT INTO "Customer" (id, "workspaceId", ref, name, email) VALUES (${`id-${ref}`}, ${workspaceId}, ${ref}, 'Probe', ${`${ref}@probe.test`})`;
const refs = (workspaceId: string, prefix: string) =>
  db().customer.findMany({ where: { workspaceId, ref: { startsWith: prefix } }, select: { ref: true } });

/** The demo workspace and a prefix no other test's customers share. */
const fresh = async () => ({ workspaceId: (await demoWorkspace()).id, p: `TX-${randomUUID().slice(0, 8)}-` });

class Rollback extends Error {}

describe("transactionWithSql", () => {
  it("commits Prisma's model API, a nested write, an explicit Prisma transaction and sqlFor together", async () => {
    const { workspaceId, p } = await fresh();
    let later: Promise<{ n: number }[]> | undefined;
    let committed!: () => void;
    const afterCommit = new Promise<void>((resolve) => (committed = resolve));
    const backend = await transactionWithSql(async (tx) => {
      // Started inside the transaction, made after its commit (a timed-out node's late write): it must fail, not run
      // on the released connection or outside the transaction.
      later = afterCommit.then(
        () => sqlFor(tx)<{ n: number }[]>`SELECT count(*)::int AS n FROM "Customer" WHERE ref LIKE ${`${p}%`}`,
      );
      await customer(tx, workspaceId, `${p}1`);
      // A nested create is one Prisma query plan that starts a transaction of its own.
      const c = await tx.customer.create({
        data: {
          workspaceId,
          ref: `${p}2`,
          name: "Probe",
          email: `${p}2@probe.test`,
          orders: {
            create: {
              workspaceId,
              number: `${p}O`,
              status: "processing",
              totalCents: 1,
              shippingAddress: {},
              placedAt: new Date(),
            },
          },
        },
      });
      await db().$transaction((inner) => customer(inner, workspaceId, `${p}3`));
      await customerViaSql(tx, workspaceId, `${p}4`);
      // Every one of them saw the same connection, inside the same transaction.
      const [seen] = await sqlFor(tx)<{ n: number; pid: number }[]>`
        SELECT count(*)::int AS n, pg_backend_pid() AS pid FROM "Customer" WHERE "workspaceId" = ${workspaceId} AND ref LIKE ${`${p}%`}`;
      expect(seen.n).toBe(4);
      const [viaPrisma] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      expect(viaPrisma.pid).toBe(seen.pid);
      expect(await db().order.count({ where: { customerId: c.id } })).toBe(1);
      return seen.pid;
    });
    expect((await refs(workspaceId, p)).map((r) => r.ref).sort()).toEqual([1, 2, 3, 4].map((i) => `${p}${i}`));
    committed();
    await expect(later).rejects.toThrow(/Transaction already closed/);
    // Outside it, the client's queries are the pool's, and see what it committed.
    expect(await refs(workspaceId, p)).toHaveLength(4);
    expect(backend).toBeGreaterThan(0);
  });

  it("rolls back everything it did, whichever way it was written, when fn throws", async () => {
    const { workspaceId, p } = await fresh();
    await expect(
      transactionWithSql(async (tx) => {
        await customer(tx, workspaceId, `${p}1`);
        await db().$transaction((inner) => customer(inner, workspaceId, `${p}2`));
        await customerViaSql(tx, workspaceId, `${p}3`);
        throw new Rollback("changed my mind");
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await refs(workspaceId, p)).toEqual([]);
  });

  it("never batches a findUnique inside it with one outside it", async () => {
    const { workspaceId, p } = await fresh();
    let go!: (id: string) => void;
    // Outside the transaction, asked in the same tick as the one inside: it must not read the uncommitted row.
    const outside = new Promise<string>((resolve) => (go = resolve)).then((id) =>
      db().customer.findUnique({ where: { id } }),
    );
    const inside = await transactionWithSql(async (tx) => {
      const created = await customer(tx, workspaceId, `${p}1`);
      go(created.id);
      const mine = await tx.customer.findUnique({ where: { id: created.id } });
      await outside; // answered while this transaction is still open
      return mine;
    });
    expect(inside?.ref).toBe(`${p}1`);
    expect(await outside).toBeNull();
  });

  it("keeps a transaction opened inside another on a connection of its own", async () => {
    const { workspaceId, p } = await fresh();
    await expect(
      transactionWithSql(async (tx) => {
        await customer(tx, workspaceId, `${p}outer`);
        await transactionWithSql((own) => customer(own, workspaceId, `${p}own`));
        throw new Rollback("outer only");
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect((await refs(workspaceId, p)).map((r) => r.ref)).toEqual([`${p}own`]);
  });

  it("leaves a statement error's transaction rolled back and the connection usable", async () => {
    const { workspaceId, p } = await fresh();
    await expect(
      transactionWithSql(async (tx) => {
        await customer(tx, workspaceId, `${p}1`);
        await customer(tx, workspaceId, `${p}1`); // the unique index refuses it
      }),
    ).rejects.toThrow();
    expect(await refs(workspaceId, p)).toEqual([]);
    for (let i = 0; i < 12; i++) {
      const [row] = await transactionWithSql((tx) => sqlFor(tx)<{ one: number }[]>`SELECT 1 AS one`);
      expect(row.one).toBe(1);
    }
  });

  it("reaches a pool that another copy of its module created (Next.js bundles it into more than one layer)", async () => {
    vi.resetModules();
    const other = await import("@/lib/platform/db/transaction-sql");
    expect(other.TransactionAwarePool).not.toBe(TransactionAwarePool);
    const pool = new other.TransactionAwarePool({ connectionString: process.env.DATABASE_URL, max: 2 });
    try {
      // A SAVEPOINT outside a transaction block fails: this one must reach the open transaction's connection.
      const pid = await transactionOn(
        pool,
        null,
        async () => {
          await pool.query("SAVEPOINT probe");
          return (await pool.query("SELECT pg_backend_pid() AS pid")).rows[0].pid;
        },
        { timeout: 5_000, maxWait: 5_000 },
      );
      expect(pid).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  });

  describe("its limits, on a pool of one connection", () => {
    const pool = new TransactionAwarePool({ connectionString: process.env.DATABASE_URL, max: 1 });
    afterAll(() => pool.end());
    const limits = { timeout: 5_000, maxWait: 5_000 };

    it("fails, changing nothing, when no connection comes within maxWait", async () => {
      let release!: () => void;
      const held = transactionOn(pool, null, () => new Promise<void>((resolve) => (release = resolve)), limits);
      await expect(transactionOn(pool, null, async () => "ran", { ...limits, maxWait: 50 })).rejects.toThrow(
        /no connection within 50 ms/,
      );
      release();
      await held;
      // The connection the late caller would have got went back to the pool.
      await expect(transactionOn(pool, null, async () => "ran", limits)).resolves.toBe("ran");
    });

    it("rolls back a transaction that ran past its timeout", async () => {
      const name = `tx_probe_${randomUUID().slice(0, 8)}`;
      await expect(
        transactionOn(
          pool,
          null,
          async () => {
            await pool.query(`CREATE TABLE ${name} (id int)`);
            await new Promise((resolve) => setTimeout(resolve, 80));
          },
          { ...limits, timeout: 20 },
        ),
      ).rejects.toThrow(/past its timeout of 20 ms/);
      const { rows } = await pool.query(`SELECT to_regclass($1) AS t`, [name]);
      expect(rows[0].t).toBeNull();
    });
  });
});
