// Customer memory retention: expired memory is left out of recall and purged by the daily worker task; admins change
// the retention period through the action.
import { Logger, run } from "graphile-worker";
import { afterEach, describe, expect, it, vi } from "vitest";

// The action layer runs for real (requireMember reads the membership from the database); only Next's request
// context is replaced: the session, the cookie jar and revalidatePath.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, has: () => false }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { setMemoryRetentionAction } from "@/lib/features/customers/actions";
import { db } from "@/lib/platform/db/client";
import { recallCustomerMemory, rememberFact } from "@/lib/runtime/memory/customer-memory";
import { purgeExpiredMemory } from "@/lib/runtime/memory/purge-expired-memory";
import { setMemoryRetention } from "@/lib/runtime/memory/set-memory-retention";
import { MEMORY_RETENTION_CRON, MEMORY_RETENTION_TASK, memoryRetentionTask } from "@/lib/runtime/memory/retention-task";
import { listCustomers } from "@/lib/features/customers/list-customers";
import { getCustomerMemory } from "@/lib/features/customers/get-customer-memory";
import { seedUser, seedWorkspace } from "@/tests/support/factories";
import { DAY, seedCustomer, tx } from "@/tests/integration/runtime/memory/customer-memory-helpers";

afterEach(() => {
  session.userId = null;
});

describe("retention", () => {
  it("excludes expired memory from recall and the purge deletes it, auditing counts only", async () => {
    const { workspace } = await seedWorkspace();
    const customer = await seedCustomer(workspace.id);
    const base = { workspaceId: workspace.id, customerId: customer.id };
    const longAgo = new Date(Date.now() - 400 * DAY);
    await tx((t) => rememberFact(t, { ...base, key: "expired.fact", value: "Expired-secret-value" }, longAgo));
    await tx((t) => rememberFact(t, { ...base, key: "fresh.fact", value: "new" }));

    const recalled = await recallCustomerMemory(db(), base);
    expect(recalled.facts).toEqual({ "fresh.fact": "new" });
    expect((await getCustomerMemory({ ...base }))?.facts.map((f) => f.key)).toEqual(["fresh.fact"]);
    expect((await listCustomers({ workspaceId: workspace.id })).rows[0].factCount).toBe(1);

    const deleted = await purgeExpiredMemory(db());
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await db().customerMemory.findMany({ where: base, select: { key: true } })).toEqual([{ key: "fresh.fact" }]);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { workspaceId: workspace.id, action: "customer_memory.purged" },
    });
    expect(audit).toMatchObject({ actorType: "system", resourceType: "customer_memory", after: { deleted: 1 } });
    expect(JSON.stringify([audit.before, audit.after, audit.metadata])).not.toContain("Expired-secret-value");

    // Inside a caller's transaction, and at a given time: a year and a day later the fresh fact expires too.
    expect(await tx((t) => purgeExpiredMemory(t, new Date(Date.now() + 366 * DAY)))).toBeGreaterThanOrEqual(1);
    expect(await db().customerMemory.count({ where: base })).toBe(0);
  });

  it("runs as the daily memory_retention worker task", async () => {
    expect(MEMORY_RETENTION_CRON).toEqual([
      expect.objectContaining({ task: MEMORY_RETENTION_TASK, identifier: MEMORY_RETENTION_TASK }),
    ]);
    const { workspace } = await seedWorkspace();
    const customer = await seedCustomer(workspace.id);
    await tx((t) =>
      rememberFact(
        t,
        { workspaceId: workspace.id, customerId: customer.id, key: "k", value: "v" },
        new Date(Date.now() - 366 * DAY),
      ),
    );
    await memoryRetentionTask({}, {} as Parameters<typeof memoryRetentionTask>[1]);
    expect(await db().customerMemory.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it("registers with graphile-worker: the daily cron is known and a queued job purges", async () => {
    const { workspace } = await seedWorkspace();
    const customer = await seedCustomer(workspace.id);
    await tx((t) =>
      rememberFact(
        t,
        { workspaceId: workspace.id, customerId: customer.id, key: "k", value: "v" },
        new Date(Date.now() - 366 * DAY),
      ),
    );
    const runner = await run({
      connectionString: process.env.DATABASE_URL,
      concurrency: 1,
      taskList: { [MEMORY_RETENTION_TASK]: memoryRetentionTask },
      parsedCronItems: MEMORY_RETENTION_CRON,
      noHandleSignals: true,
      pollInterval: 200,
      logger: new Logger(() => () => {}),
    });
    try {
      await runner.addJob(MEMORY_RETENTION_TASK, {});
      await vi.waitFor(
        async () => {
          expect(await db().customerMemory.count({ where: { customerId: customer.id } })).toBe(0);
          const known = await db().$queryRaw<
            { identifier: string }[]
          >`SELECT identifier FROM graphile_worker._private_known_crontabs`;
          expect(known.map((k) => k.identifier)).toContain(MEMORY_RETENTION_TASK);
        },
        { timeout: 15_000, interval: 200 },
      );
    } finally {
      await runner.stop();
    }
  });

  it("changes retention through the action (admins only), audited with before/after, re-dating stored memory", async () => {
    const { workspace, user: admin } = await seedWorkspace({ role: "admin" });
    const operator = await seedUser({ workspaceId: workspace.id, role: "operator" });
    const customer = await seedCustomer(workspace.id);
    await tx((t) => rememberFact(t, { workspaceId: workspace.id, customerId: customer.id, key: "k", value: "v" }));

    session.userId = null;
    expect(await setMemoryRetentionAction({ days: 30 })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    session.userId = operator.id;
    expect(await setMemoryRetentionAction({ days: 30 })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    session.userId = admin.id;
    expect(await setMemoryRetentionAction({ days: 0 })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { days: [expect.any(String)] },
    });
    expect(await setMemoryRetentionAction({ days: 3651 })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect((await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } })).memoryRetentionDays).toBe(365);

    const result = await setMemoryRetentionAction({ days: 30 });
    expect(result).toEqual({ ok: true, data: { days: 30, changed: true, redated: 1 } });
    expect((await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } })).memoryRetentionDays).toBe(30);
    const row = await db().customerMemory.findFirstOrThrow({ where: { customerId: customer.id } });
    expect(Math.round((row.expiresAt.getTime() - row.updatedAt.getTime()) / DAY)).toBe(30);
    const audits = await db().auditLog.findMany({
      where: { workspaceId: workspace.id, action: "customer_memory.retention_changed" },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorType: "user",
      actorId: admin.id,
      resourceType: "workspace",
      before: { days: 365 },
      after: { days: 30 },
    });

    // The same value again changes nothing and audits nothing.
    expect(await setMemoryRetentionAction({ days: 30 })).toMatchObject({ ok: true, data: { changed: false } });
    expect(
      await db().auditLog.count({ where: { workspaceId: workspace.id, action: "customer_memory.retention_changed" } }),
    ).toBe(1);
    // New memory uses the new retention.
    const fresh = await tx((t) =>
      rememberFact(t, { workspaceId: workspace.id, customerId: customer.id, key: "k2", value: "v" }),
    );
    expect(Math.round((fresh.expiresAt.getTime() - Date.now()) / DAY)).toBe(30);
    await expect(tx((t) => setMemoryRetention(t, workspace.id, 1.5))).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
