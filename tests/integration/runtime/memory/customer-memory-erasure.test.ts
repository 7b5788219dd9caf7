// Erasing a customer's memory on request: everywhere it is stored or copied, in batches, within the workspace only,
// audited with counts, and through the admin-only action.
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

// The action layer runs for real (requireMember reads the membership from the database); only Next's request
// context is replaced: the session, the cookie jar and revalidatePath.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, has: () => false }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { eraseCustomerMemoryAction } from "@/lib/features/customers/actions";
import { db } from "@/lib/platform/db/client";
import { recallCustomerMemory, rememberFact, rememberSummary } from "@/lib/runtime/memory/customer-memory";
import { eraseCustomerMemory } from "@/lib/runtime/memory/erase-customer-memory";
import { ERASED } from "@/lib/runtime/memory/scrub-memory-json";
import { seedUser, seedWorkspace } from "@/tests/support/factories";
import {
  seedConversationWithMemoryCopies,
  seedCustomer,
  seedFlow,
  snapshot,
  tx,
} from "@/tests/integration/runtime/memory/customer-memory-helpers";

const ADMIN = { type: "user" as const, id: "u-test", label: "admin@example.test" };

afterEach(() => {
  session.userId = null;
});

describe("erasure on request", () => {
  it("removes the customer's memory everywhere, leaves other customers untouched, audits counts only, and is idempotent", async () => {
    const { workspace } = await seedWorkspace();
    const alice = await seedCustomer(workspace.id);
    const bob = await seedCustomer(workspace.id);
    const flow = await seedFlow(workspace.id);
    const secret = `Klingon-${randomBytes(3).toString("hex")}`;
    const aliceConversations = [
      await seedConversationWithMemoryCopies(workspace.id, alice.id, flow, secret),
      await seedConversationWithMemoryCopies(workspace.id, alice.id, flow, secret),
    ];
    const bobConversation = await seedConversationWithMemoryCopies(workspace.id, bob.id, flow, "Bob's language");
    await tx((t) =>
      rememberFact(t, {
        workspaceId: workspace.id,
        customerId: alice.id,
        key: "preferred.language",
        value: secret,
        conversationId: aliceConversations[0].id,
      }),
    );
    await tx((t) =>
      rememberSummary(t, {
        workspaceId: workspace.id,
        customerId: alice.id,
        conversationId: aliceConversations[0].id,
        summary: `Spoke ${secret}`,
      }),
    );
    await tx((t) =>
      rememberFact(t, {
        workspaceId: workspace.id,
        customerId: bob.id,
        key: "preferred.language",
        value: "Bob's language",
      }),
    );
    const bobBefore = await snapshot(bobConversation.id);

    const counts = await tx((t) =>
      eraseCustomerMemory(t, {
        workspaceId: workspace.id,
        customerId: alice.id,
        requestedBy: ADMIN,
        reason: "GDPR request, ticket 42",
      }),
    );
    expect(counts).toEqual({ memories: 2, conversations: 2, steps: 2, spans: 2, escalations: 2 });

    expect(await db().customerMemory.count({ where: { customerId: alice.id } })).toBe(0);
    for (const conversation of aliceConversations) {
      const after = await snapshot(conversation.id);
      expect(JSON.stringify(after)).not.toContain(secret);
      expect(after.conversation.state).toEqual({ intent: "refund", order: { number: "A1002" } });
      expect(after.conversation.runtime).toEqual({
        seq: 2,
        frames: [
          { versionId: flow.flowVersionId, callerNodeId: null, state: { memory: { note: "keep" } } },
          { versionId: flow.flowVersionId, callerNodeId: "sub", state: { x: 1 } },
        ],
      });
      const [agentStep, endStep] = after.steps;
      expect(agentStep.input).toEqual({ message: "hi", state: { memory: { customer: ERASED } } });
      expect(agentStep.output).toEqual({ written: { "memory.customer.preferred.language": ERASED }, reply: "ok" });
      expect(endStep).toMatchObject({ input: { a: 1 }, output: { outcome: "resolved" } });
      expect(after.spans[0].input).toEqual({
        messages: [{ role: "system", content: "You know:" }],
        context: { memory: { customer: ERASED } },
      });
      expect(after.spans[0].output).toEqual({ text: "Bonjour" });
      expect(after.escalations[0].context).toEqual({ state: { memory: { customer: ERASED } } });
      // Erasure is not deletion of the conversation.
      expect(after.conversation.customerId).toBe(alice.id);
    }

    // Bob is untouched.
    expect(await snapshot(bobConversation.id)).toEqual(bobBefore);
    expect(await recallCustomerMemory(db(), { workspaceId: workspace.id, customerId: bob.id })).toMatchObject({
      facts: { "preferred.language": "Bob's language" },
    });

    const audit = await db().auditLog.findFirstOrThrow({
      where: { workspaceId: workspace.id, action: "customer_memory.erased" },
    });
    expect(audit).toMatchObject({
      actorType: "user",
      actorId: ADMIN.id,
      actorLabel: ADMIN.label,
      resourceType: "customer_memory",
      resourceId: alice.id,
      after: counts,
      metadata: { customerRef: alice.ref, reason: "GDPR request, ticket 42" },
    });
    expect(JSON.stringify([audit.before, audit.after, audit.metadata])).not.toContain(secret);

    // Idempotent: nothing left to change, and nothing is rewritten.
    const again = await tx((t) =>
      eraseCustomerMemory(t, { workspaceId: workspace.id, customerId: alice.id, requestedBy: ADMIN, reason: "again" }),
    );
    expect(again).toEqual({ memories: 0, conversations: 0, steps: 0, spans: 0, escalations: 0 });
  });

  it("scrubs in batches: a long history is fully covered", async () => {
    const { workspace } = await seedWorkspace();
    const customer = await seedCustomer(workspace.id);
    const flow = await seedFlow(workspace.id);
    const conversation = await db().conversation.create({
      data: { workspaceId: workspace.id, customerId: customer.id, ...flow },
    });
    const total = 1201;
    await db().span.createMany({
      data: Array.from({ length: total }, (_, i) => ({
        id: `${conversation.id}:span:${String(i).padStart(5, "0")}`,
        workspaceId: workspace.id,
        conversationId: conversation.id,
        kind: "node",
        name: "n",
        status: "ok",
        startedAt: new Date(),
        durationMs: 1,
        output: i % 2 ? { memory: { customer: { facts: { k: "v" } } } } : { plain: true },
        attributes: i % 3 === 0 ? { "memory.customer.k": "v" } : undefined,
      })),
    });
    const expected = Array.from({ length: total }, (_, i) => i).filter((i) => i % 2 === 1 || i % 3 === 0).length;
    const counts = await db().$transaction(
      (t) =>
        eraseCustomerMemory(t, {
          workspaceId: workspace.id,
          customerId: customer.id,
          requestedBy: ADMIN,
          reason: "request",
        }),
      { timeout: 60_000 },
    );
    expect(counts.spans).toBe(expected);
    const left = await db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Span" WHERE "conversationId" = ${conversation.id}
      AND (jsonb_path_exists(output, 'lax $.**.memory.customer ? (@ != "[erased]")') OR attributes::text LIKE '%"memory.customer.k": "v"%')`;
    expect(left[0].n).toBe(0);
  });

  it("refuses a customer of another workspace and changes nothing", async () => {
    const mine = await seedWorkspace();
    const theirs = await seedWorkspace();
    const foreign = await seedCustomer(theirs.workspace.id);
    await tx((t) =>
      rememberFact(t, { workspaceId: theirs.workspace.id, customerId: foreign.id, key: "k", value: "v" }),
    );
    await expect(
      tx((t) =>
        eraseCustomerMemory(t, {
          workspaceId: mine.workspace.id,
          customerId: foreign.id,
          requestedBy: ADMIN,
          reason: "not mine",
        }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
    expect(await db().customerMemory.count({ where: { customerId: foreign.id } })).toBe(1);
    expect(await db().auditLog.count({ where: { action: "customer_memory.erased", resourceId: foreign.id } })).toBe(0);
  });

  it("goes through the action layer: admins only, the ref typed again, another workspace's customer refused", async () => {
    const { workspace, user: admin } = await seedWorkspace({ role: "admin" });
    const operator = await seedUser({ workspaceId: workspace.id, role: "operator" });
    const auditor = await seedUser({ workspaceId: workspace.id, role: "auditor" });
    const customer = await seedCustomer(workspace.id);
    const theirs = await seedWorkspace();
    const foreign = await seedCustomer(theirs.workspace.id);
    await tx((t) => rememberFact(t, { workspaceId: workspace.id, customerId: customer.id, key: "k", value: "v" }));
    const input = { customerId: customer.id, confirmRef: customer.ref, reason: "Customer asked by e-mail" };

    for (const user of [operator, auditor]) {
      session.userId = user.id;
      expect(await eraseCustomerMemoryAction(input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await db().customerMemory.count({ where: { customerId: customer.id } })).toBe(1);

    session.userId = admin.id;
    expect(await eraseCustomerMemoryAction({ ...input, confirmRef: "C-WRONG" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { confirmRef: [expect.any(String)] },
    });
    expect(await eraseCustomerMemoryAction({ ...input, reason: "" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { reason: [expect.any(String)] },
    });
    expect(
      await eraseCustomerMemoryAction({ customerId: foreign.id, confirmRef: foreign.ref, reason: "not mine" }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db().customerMemory.count({ where: { customerId: customer.id } })).toBe(1);

    const result = await eraseCustomerMemoryAction({ ...input, confirmRef: customer.ref.toLowerCase() });
    expect(result).toEqual({ ok: true, data: { memories: 1, conversations: 0, steps: 0, spans: 0, escalations: 0 } });
    expect(await db().customerMemory.count({ where: { customerId: customer.id } })).toBe(0);
    const audits = await db().auditLog.findMany({
      where: { workspaceId: workspace.id, action: "customer_memory.erased" },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorType: "user",
      actorId: admin.id,
      metadata: { reason: "Customer asked by e-mail" },
    });
  });
});
