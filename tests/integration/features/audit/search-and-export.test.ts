import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { parseAuditFilter } from "@/lib/features/audit/audit-filter";
import { hashAuditEntry, type HashedAuditFields } from "@/lib/platform/audit/chain-check";
import { exportAuditEntries } from "@/lib/features/audit/export-audit-entries";
import { listAuditEntries } from "@/lib/features/audit/list-audit-entries";
import { db } from "@/lib/platform/db/client";
import { seedWorkspace } from "@/tests/support/factories";

let workspaceId: string;
let otherWorkspaceId: string;

beforeAll(async () => {
  workspaceId = (await seedWorkspace()).workspace.id;
  otherWorkspaceId = (await seedWorkspace()).workspace.id;
  const actor = { type: "user" as const, id: "u1", label: "grace@example.test" };
  for (let i = 0; i < 7; i++) {
    await auditLog({
      workspaceId,
      actor,
      action: "flow.published",
      resourceType: "flow",
      resourceId: `flow-${i}`,
      after: { note: i === 3 ? "Refund 100% approved_by boss" : "routine" },
    });
  }
  await auditLog({
    workspaceId,
    actor: { type: "system", label: "scheduler" },
    action: "customer_memory.purged",
    resourceType: "customer_memory",
    metadata: { purged: 4 },
  });
  await auditLog({
    workspaceId: otherWorkspaceId,
    actor,
    action: "flow.published",
    resourceType: "flow",
    after: { note: "Refund 100% approved_by boss" },
  });
});

const search = (query: string, extra: Partial<Parameters<typeof listAuditEntries>[0]> = {}) =>
  listAuditEntries({ workspaceId, filter: parseAuditFilter(new URLSearchParams(query)), ...extra });

describe("searching the audit trail", () => {
  it("finds text inside the JSON details, literally (% and _ are not wildcards), in this workspace only", async () => {
    const { rows } = await search("q=100%25 approved_by");
    expect(rows.map((r) => r.resourceId)).toEqual(["flow-3"]);
    expect((await search("q=100x approvedXby")).rows).toEqual([]);
  });

  it("matches the actor label, action and resource id, case-insensitively", async () => {
    expect((await search("q=SCHEDULER")).rows.map((r) => r.action)).toEqual(["customer_memory.purged"]);
    expect((await search("q=flow-6")).rows).toHaveLength(1);
  });

  it("filters by resource type, actor type and date range", async () => {
    expect((await search("resource=customer_memory")).rows).toHaveLength(1);
    expect((await search("actor=system")).rows).toHaveLength(1);
    const today = new Date().toISOString().slice(0, 10);
    expect((await search(`from=${today}&to=${today}&resource=flow`)).rows).toHaveLength(7);
    expect((await search("to=2000-01-01")).rows).toEqual([]);
  });

  it("pages by cursor under a filter", async () => {
    const first = await search("resource=flow", { limit: 4 });
    expect(first.rows).toHaveLength(4);
    const second = await search("resource=flow", { limit: 4, before: BigInt(first.nextCursor!) });
    expect(second.rows).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.rows, ...second.rows].map((r) => r.resourceId)).size).toBe(7);
  });
});

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("exporting the audit trail", () => {
  const actor = { type: "user" as const, id: "u1", label: "grace@example.test" };

  it("streams JSON with hashes that verify offline, and records the export", async () => {
    const text = await readAll(
      exportAuditEntries({
        workspaceId,
        filter: parseAuditFilter(new URLSearchParams("resource=flow")),
        format: "json",
        actor,
      }),
    );
    const rows = JSON.parse(text) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      const { id: _id, hash, prevHash, at, ...rest } = row;
      expect(
        hashAuditEntry(prevHash as string, { ...rest, at: new Date(at as string) } as unknown as HashedAuditFields),
      ).toBe(hash);
    }
    const recorded = await db().auditLog.findFirst({
      where: { workspaceId, action: "audit.exported" },
      orderBy: { id: "desc" },
    });
    expect(recorded).toMatchObject({
      resourceType: "audit_log",
      actorLabel: "grace@example.test",
      after: { format: "json", filter: { resource: "flow" }, rowCount: 7, complete: true },
    });
  });

  it("streams CSV across several batches without losing rows", async () => {
    for (let i = 0; i < 1_005; i++) {
      await db().$transaction((tx) =>
        auditLog(
          {
            workspaceId: otherWorkspaceId,
            actor,
            action: "bulk.test",
            resourceType: "workspace",
            resourceId: String(i),
          },
          tx,
        ),
      );
    }
    const text = await readAll(
      exportAuditEntries({ workspaceId: otherWorkspaceId, filter: { actionPrefix: "bulk." }, format: "csv", actor }),
    );
    const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(1_005);
    expect(new Set(parsed.data.map((r) => r.resourceId)).size).toBe(1_005);
  }, 120_000);

  it("writes a valid empty JSON array when nothing matches", async () => {
    const text = await readAll(
      exportAuditEntries({ workspaceId, filter: { q: "no such thing anywhere" }, format: "json", actor }),
    );
    expect(JSON.parse(text)).toEqual([]);
  });
});
