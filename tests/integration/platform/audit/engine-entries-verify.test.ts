import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/platform/audit/verify-chain";
import { db } from "@/lib/platform/db/client";
import { sendTurn } from "@/tests/support/engine";
import { hashAuditEntry } from "@/lib/platform/audit/chain-check";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { demoWorkspace } from "@/tests/support/factories";
import { openAsOwner } from "@/tests/support/customers";

let workspaceId: string;
beforeAll(async () => {
  workspaceId = (await demoWorkspace()).id;
});

describe("entries after the jsonb round trip", () => {
  it("keep every digit of a double, so they hash as written", async () => {
    const values = Array.from({ length: 100 }, (_, i) => Math.random() / 10 ** (i % 9));
    await auditLog({
      workspaceId,
      actor: { type: "system", label: "test" },
      action: "test.floats",
      resourceType: "workspace",
      after: { values },
    });
    const row = await db().auditLog.findFirstOrThrow({ where: { action: "test.floats" } });
    expect((row.after as { values: number[] }).values).toEqual(values);
    expect(row.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(hashAuditEntry(row.prevHash, row)).toBe(row.hash);
  });

  it("verify when the engine wrote them (routing decisions with a classifier's float scores, guardrails, tools)", async () => {
    // The order's verified owner, so the order lookup runs (and is audited).
    const conversation = await openAsOwner({ workspaceId, flowSlug: "retail-support", orderNumber: "A1002" });
    await sendTurn({ workspaceId, conversationId: conversation.id, text: "Where is my order A1002?" });
    const rows = await db().auditLog.findMany({ orderBy: { id: "asc" } });
    const bad = rows
      .filter((r) => hashAuditEntry(r.prevHash, r) !== r.hash)
      .map((r) => `${r.id} ${r.action} ${JSON.stringify(r.after)}`);
    expect(bad).toEqual([]);
    expect((await verifyAuditChain({ workspaceId })).break).toBeNull();
    // Reads are tool calls too: the order lookup is in the trail.
    const lookup = rows.find((r) => r.action === "tool.called" && r.actorId === conversation.id);
    expect(lookup?.after).toMatchObject({ tool: "lookup_order" });
  });
});
