import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { chainReport } from "@/lib/platform/audit/chain-check";
import { verifyAuditChain } from "@/lib/platform/audit/verify-chain";
import { db } from "@/lib/platform/db/client";
import { demoWorkspace, seedWorkspace } from "@/tests/support/factories";

// The test database's superuser, as someone with direct database access would tamper.
const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });

async function asReplica<T>(work: () => Promise<T>): Promise<T> {
  // Replica mode skips ordinary triggers: the append-only guard is what a determined superuser would switch off.
  await admin.query("SET session_replication_role = replica");
  try {
    return await work();
  } finally {
    await admin.query("SET session_replication_role = DEFAULT");
  }
}

let workspaceId: string;
let otherId: string;
let ids: bigint[];

beforeAll(async () => {
  await admin.connect();
  workspaceId = (await demoWorkspace()).id;
  otherId = (await seedWorkspace()).workspace.id;
  const other = otherId;
  for (let i = 0; i < 12; i++) {
    await auditLog({
      workspaceId: i === 7 ? other : workspaceId,
      actor: { type: "system", label: "test" },
      action: "test.verify",
      resourceType: "workspace",
      resourceId: String(i),
      // Shapes that must survive the jsonb round trip: key order, nested arrays, dates, unicode, numbers.
      after: { z: 1, a: [1, { y: "é ☃", x: null }], at: new Date("2026-11-21T10:00:00.123Z"), n: 1e-7, big: 2 ** 53 },
      metadata: { i, "10": "ten", "2": "two" },
    });
  }
  ids = (await db().auditLog.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((r) => r.id);
});

afterAll(async () => {
  await admin.end();
});

describe("verifying the audit chain", () => {
  it("finds an untouched chain intact and counts every entry, in small batches too", async () => {
    const result = await verifyAuditChain({ workspaceId, batchSize: 5 });
    expect(result.break).toBeNull();
    expect(result.checked).toBe(ids.length);
    expect(result.lastEntryId).toBe(ids[ids.length - 1]);
    expect(result.checkedInWorkspace).toBe(await db().auditLog.count({ where: { workspaceId } }));
  });

  it("reports to each workspace only its own entry count and last entry", async () => {
    const own = (id: string) =>
      db().auditLog.findMany({ where: { workspaceId: id }, orderBy: { id: "asc" }, select: { id: true } });
    const [mine, theirs] = await Promise.all([own(workspaceId), own(otherId)]);
    expect(mine.length).toBeLessThan(ids.length);
    for (const [id, rows] of [
      [workspaceId, mine],
      [otherId, theirs],
    ] as const) {
      const report = chainReport(await verifyAuditChain({ workspaceId: id }), id);
      expect(report).toMatchObject({ intact: true, checked: rows.length, lastEntryId: String(rows.at(-1)!.id) });
      expect(report.message).toBe(
        `Chain intact: ${rows.length} ${rows.length === 1 ? "entry" : "entries"} of this workspace checked.`,
      );
    }
  });

  it("points at an entry whose content was changed", async () => {
    const target = ids[ids.length - 4];
    const original = await admin.query(`SELECT after FROM "AuditLog" WHERE id = $1`, [target]);
    await asReplica(() =>
      admin.query(`UPDATE "AuditLog" SET after = jsonb_set(after, '{z}', '2') WHERE id = $1`, [target]),
    );
    try {
      const result = await verifyAuditChain({ workspaceId, batchSize: 5 });
      expect(result.break).toMatchObject({ kind: "content", entryId: target, previousEntryId: ids[ids.length - 5] });
      expect(result.checked).toBe(ids.length - 4);
      const report = chainReport(result, workspaceId);
      expect(report).toMatchObject({ intact: false, kind: "content", entryId: String(target), inWorkspace: true });
    } finally {
      await asReplica(() =>
        admin.query(`UPDATE "AuditLog" SET after = $2 WHERE id = $1`, [target, JSON.stringify(original.rows[0].after)]),
      );
    }
    expect((await verifyAuditChain({ workspaceId })).break).toBeNull();
  });

  it("reports an edited entry of another workspace by id only", async () => {
    const rows = await db().auditLog.findMany({
      where: { action: "test.verify", workspaceId: { not: workspaceId } },
      select: { id: true },
    });
    const target = rows[0].id;
    await asReplica(() => admin.query(`UPDATE "AuditLog" SET "actorLabel" = 'someone else' WHERE id = $1`, [target]));
    try {
      const report = chainReport(await verifyAuditChain({ workspaceId }), workspaceId);
      expect(report).toMatchObject({
        intact: false,
        kind: "content",
        entryId: String(target),
        inWorkspace: false,
        expectedHash: null,
        foundHash: null,
      });
      expect(report.message).toContain(`an entry outside this workspace, id ${target}`);
    } finally {
      await asReplica(() => admin.query(`UPDATE "AuditLog" SET "actorLabel" = 'test' WHERE id = $1`, [target]));
    }
  });

  it("points at the entry after a deleted one", async () => {
    const deleted = ids[ids.length - 3];
    await asReplica(() => admin.query(`DELETE FROM "AuditLog" WHERE id = $1`, [deleted]));
    const result = await verifyAuditChain({ workspaceId, batchSize: 4 });
    expect(result.break).toMatchObject({
      kind: "link",
      entryId: ids[ids.length - 2],
      previousEntryId: ids[ids.length - 4],
    });
    expect(chainReport(result, workspaceId).message).toContain("deleted or inserted");
  });

  it("notices when the oldest entry is gone", async () => {
    await asReplica(() => admin.query(`DELETE FROM "AuditLog" WHERE id = $1`, [ids[0]]));
    const result = await verifyAuditChain({ workspaceId });
    expect(result.break).toMatchObject({ kind: "start", entryId: ids[1], previousEntryId: null });
    expect(result.checked).toBe(0);
  });
});
