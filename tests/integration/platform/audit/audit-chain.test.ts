import { describe, expect, it } from "vitest";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { GENESIS_HASH, hashAuditEntry } from "@/lib/platform/audit/chain-check";
import { db, transactionWithSql } from "@/lib/platform/db/client";
import { demoWorkspace } from "@/tests/support/factories";

describe("the audit log", () => {
  it("chains every entry to the one before, even under concurrent writers", async () => {
    const workspaceId = (await demoWorkspace()).id;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        auditLog({
          workspaceId,
          actor: { type: "system", label: "test" },
          action: "test.concurrent",
          resourceType: "workspace",
          resourceId: String(i),
          after: { i },
        }),
      ),
    );
    const rows = await db().auditLog.findMany({ orderBy: { id: "asc" } });
    expect(rows.length).toBeGreaterThan(20);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (i > 0) expect(row.prevHash).toBe(rows[i - 1].hash);
      const recomputed = hashAuditEntry(row.prevHash, row);
      expect(recomputed).toBe(row.hash);
    }
  });

  it("rolls back with the transaction it belongs to", async () => {
    const before = await db().auditLog.count();
    await expect(
      db().$transaction(async (tx) => {
        await auditLog(
          {
            workspaceId: null,
            actor: { type: "system", label: "test" },
            action: "test.rollback",
            resourceType: "workspace",
          },
          tx,
        );
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await db().auditLog.count()).toBe(before);
  });

  it("takes the chain's lock only at commit: an open transaction with entries holds up no other writer", async () => {
    const entry = (action: string) => ({
      workspaceId: null,
      actor: { type: "system" as const, label: "test" },
      action,
      resourceType: "workspace" as const,
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const slow = transactionWithSql(async (tx) => {
      await auditLog(entry("test.slow_writer"), tx);
      wrote();
      await held; // still open, its entry written
    });
    await written;
    // Before, the slow transaction held the lock from its audit statement on, and this one waited for it.
    await auditLog(entry("test.quick_writer"));
    const quick = await db().auditLog.findFirst({ where: { action: "test.quick_writer" } });
    expect(quick).not.toBeNull();
    expect(await db().auditLog.count({ where: { action: "test.slow_writer" } })).toBe(0);
    release();
    await slow;
    const rows = await db().auditLog.findMany({ orderBy: { id: "asc" } });
    const slowRow = rows.find((row) => row.action === "test.slow_writer")!;
    // Chained in commit order: the slow writer's entry follows the quick one's, and the chain verifies.
    expect(slowRow.id).toBeGreaterThan(quick!.id);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].prevHash).toBe(rows[i - 1].hash);
      expect(hashAuditEntry(rows[i].prevHash, rows[i])).toBe(rows[i].hash);
    }
    const [{ pending }] = await db().$queryRaw<
      { pending: number }[]
    >`SELECT count(*)::int AS pending FROM "AuditPending"`;
    expect(pending).toBe(0);
  });

  it("keeps a transaction's entries as one pending row per call and chains them in call order, then list order", async () => {
    const entry = (action: string) => ({
      workspaceId: null,
      actor: { type: "system" as const, label: "test" },
      action,
      resourceType: "workspace" as const,
    });
    let pendingInside = -1;
    await transactionWithSql(async (tx) => {
      await auditLog([entry("test.batch_a1"), entry("test.batch_a2"), entry("test.batch_a3")], tx);
      await auditLog(entry("test.batch_b1"), tx);
      await auditLog([], tx);
      const [row] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "AuditPending" WHERE txid = pg_current_xact_id()`;
      pendingInside = row.n;
    });
    expect(pendingInside).toBe(2);
    const rows = await db().auditLog.findMany({
      where: { action: { startsWith: "test.batch_" } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((row) => row.action)).toEqual(["test.batch_a1", "test.batch_a2", "test.batch_a3", "test.batch_b1"]);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    for (const row of rows) expect(hashAuditEntry(row.prevHash, row)).toBe(row.hash);
  });
});
