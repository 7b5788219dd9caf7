import { describe, expect, it } from "vitest";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { GENESIS_HASH, hashAuditEntry } from "@/lib/platform/audit/chain-check";
import { db } from "@/lib/platform/db/client";
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
});
