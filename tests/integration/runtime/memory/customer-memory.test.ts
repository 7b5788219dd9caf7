import { randomBytes } from "node:crypto";
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

import { eraseCustomerMemoryAction, setMemoryRetentionAction } from "@/lib/features/customers/actions";
import { db, type Tx } from "@/lib/platform/db/client";
import {
  eraseCustomerMemory,
  purgeExpiredMemory,
  recallCustomerMemory,
  rememberFact,
  rememberSummary,
  setMemoryRetention,
} from "@/lib/runtime/memory/customer-memory";
import { MEMORY_RETENTION_CRON, MEMORY_RETENTION_TASK, memoryRetentionTask } from "@/lib/runtime/memory/retention-task";
import { ERASED } from "@/lib/runtime/memory/scrub-memory-json";
import { listCustomers } from "@/lib/features/customers/list-customers";
import { getCustomerMemory } from "@/lib/features/customers/get-customer-memory";
import { seedUser, seedWorkspace } from "@/tests/support/factories";

const tx = <T>(fn: (t: Tx) => Promise<T>) => db().$transaction(fn);
const DAY = 86_400_000;
const ADMIN = { type: "user" as const, id: "u-test", label: "admin@example.test" };

afterEach(() => {
  session.userId = null;
});

async function seedCustomer(workspaceId: string, ref = `C-${randomBytes(3).toString("hex")}`) {
  return db().customer.create({
    data: { workspaceId, ref, name: `Customer ${ref}`, email: `${ref.toLowerCase()}@example.com` },
  });
}

async function seedFlow(workspaceId: string) {
  const flow = await db().flow.create({
    data: { workspaceId, slug: `f-${randomBytes(3).toString("hex")}`, name: "Support", draft: {} },
  });
  const version = await db().flowVersion.create({ data: { flowId: flow.id, number: 1, graph: {} } });
  return { flowId: flow.id, flowVersionId: version.id };
}

/** A conversation whose engine-written JSON carries copies of the customer's recalled memory, as the engine keeps them. */
async function seedConversationWithMemoryCopies(
  workspaceId: string,
  customerId: string,
  flow: { flowId: string; flowVersionId: string },
  secret: string,
) {
  const recalled = {
    facts: { "preferred.language": secret },
    summaries: [{ conversationId: "old", summary: `Asked about ${secret}` }],
  };
  const conversation = await db().conversation.create({
    data: {
      workspaceId,
      customerId,
      ...flow,
      state: { intent: "refund", order: { number: "A1002" }, memory: { customer: recalled } },
      runtime: {
        seq: 2,
        frames: [
          {
            versionId: flow.flowVersionId,
            callerNodeId: null,
            state: { memory: { customer: recalled, note: "keep" } },
          },
          { versionId: flow.flowVersionId, callerNodeId: "sub", state: { x: 1 } },
        ],
      },
    },
  });
  const stepId = `${conversation.id}:e1:1`;
  await db().step.create({
    data: {
      id: stepId,
      conversationId: conversation.id,
      turn: 1,
      seq: 1,
      nodeId: "agent",
      nodeKind: "agent",
      status: "completed",
      input: { message: "hi", state: { memory: { customer: recalled } } },
      output: { written: { "memory.customer.preferred.language": secret }, reply: "ok" },
    },
  });
  await db().step.create({
    data: {
      id: `${conversation.id}:e1:2`,
      conversationId: conversation.id,
      turn: 1,
      seq: 2,
      nodeId: "end",
      nodeKind: "end",
      status: "completed",
      input: { a: 1 },
      output: { outcome: "resolved" },
    },
  });
  await db().span.create({
    data: {
      id: `${stepId}:llm`,
      workspaceId,
      conversationId: conversation.id,
      stepId,
      kind: "llm",
      name: "model",
      status: "ok",
      startedAt: new Date(),
      durationMs: 5,
      input: { messages: [{ role: "system", content: "You know:" }], context: { memory: { customer: recalled } } },
      output: { text: "Bonjour" },
    },
  });
  await db().escalation.create({
    data: {
      workspaceId,
      conversationId: conversation.id,
      reason: "refund",
      slaDueAt: new Date(Date.now() + DAY),
      context: { state: { memory: { customer: recalled } } },
    },
  });
  return conversation;
}

describe("remembering and recalling", () => {
  it("upserts facts by key, stores summaries per conversation and recalls them newest first", async () => {
    const { workspace } = await seedWorkspace();
    const customer = await seedCustomer(workspace.id);
    const flow = await seedFlow(workspace.id);
    const conversations = await Promise.all(
      [1, 2, 3].map(() =>
        db().conversation.create({ data: { workspaceId: workspace.id, customerId: customer.id, ...flow } }),
      ),
    );

    const first = await tx((t) =>
      rememberFact(t, {
        workspaceId: workspace.id,
        customerId: customer.id,
        key: "preferred.language",
        value: "French",
        conversationId: conversations[0].id,
        stepId: "s1",
      }),
    );
    const second = await tx((t) =>
      rememberFact(t, {
        workspaceId: workspace.id,
        customerId: customer.id,
        key: "preferred.language",
        value: "German",
      }),
    );
    expect(second.id).toBe(first.id);
    expect(second.value).toBe("German");
    expect(Math.round((second.expiresAt.getTime() - Date.now()) / DAY)).toBe(365);
    await tx((t) =>
      rememberFact(t, {
        workspaceId: workspace.id,
        customerId: customer.id,
        key: "tier_note",
        value: "Prefers e-mail replies",
      }),
    );

    const base = Date.now();
    for (const [i, c] of conversations.entries()) {
      await tx((t) =>
        rememberSummary(
          t,
          { workspaceId: workspace.id, customerId: customer.id, conversationId: c.id, summary: `Summary ${i}` },
          new Date(base + i * 1000),
        ),
      );
    }
    // Remembering a conversation's summary again replaces it.
    await tx((t) =>
      rememberSummary(
        t,
        {
          workspaceId: workspace.id,
          customerId: customer.id,
          conversationId: conversations[0].id,
          summary: "Summary 0, updated",
        },
        new Date(base + 5000),
      ),
    );

    const recalled = await tx((t) => recallCustomerMemory(t, { workspaceId: workspace.id, customerId: customer.id }));
    expect(recalled.facts).toEqual({ "preferred.language": "German", tier_note: "Prefers e-mail replies" });
    expect(recalled.summaries.map((s) => s.summary)).toEqual(["Summary 0, updated", "Summary 2", "Summary 1"]);
    expect(recalled.summaries[0]).toMatchObject({ conversationId: conversations[0].id, at: expect.any(Date) });
    const capped = await recallCustomerMemory(db(), {
      workspaceId: workspace.id,
      customerId: customer.id,
      summaryLimit: 2,
    });
    expect(capped.summaries).toHaveLength(2);
    expect(await db().customerMemory.count({ where: { customerId: customer.id } })).toBe(5);

    // The console's loaders.
    const list = await listCustomers({ workspaceId: workspace.id, query: customer.ref.toLowerCase() });
    expect(list.rows).toEqual([
      expect.objectContaining({
        ref: customer.ref,
        email: `${customer.ref[0].toLowerCase()}***@example.com`,
        conversationCount: 3,
        factCount: 2,
      }),
    ]);
    expect((await listCustomers({ workspaceId: workspace.id, query: "nobody-like-this" })).total).toBe(0);
    const detail = await getCustomerMemory({ workspaceId: workspace.id, customerId: customer.id });
    expect(detail?.facts.map((f) => f.key)).toEqual(["preferred.language", "tier_note"]);
    expect(detail?.summaries).toHaveLength(3);
    expect(detail?.conversations).toHaveLength(3);
  });

  it("validates keys and lengths, and refuses a customer or conversation of another workspace", async () => {
    const mine = await seedWorkspace();
    const theirs = await seedWorkspace();
    const customer = await seedCustomer(mine.workspace.id);
    const foreign = await seedCustomer(theirs.workspace.id);
    const base = { workspaceId: mine.workspace.id, customerId: customer.id };

    await expect(tx((t) => rememberFact(t, { ...base, key: "has space", value: "x" }))).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(tx((t) => rememberFact(t, { ...base, key: "k", value: "x".repeat(2001) }))).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(tx((t) => rememberFact(t, { ...base, key: "k", value: "   " }))).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(
      tx((t) => rememberFact(t, { workspaceId: mine.workspace.id, customerId: foreign.id, key: "k", value: "v" })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const flow = await seedFlow(theirs.workspace.id);
    const theirConversation = await db().conversation.create({
      data: { workspaceId: theirs.workspace.id, customerId: foreign.id, ...flow },
    });
    await expect(
      tx((t) => rememberSummary(t, { ...base, conversationId: theirConversation.id, summary: "s" })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await tx((t) =>
      rememberFact(t, { workspaceId: theirs.workspace.id, customerId: foreign.id, key: "k", value: "v" }),
    );
    expect(await recallCustomerMemory(db(), { workspaceId: mine.workspace.id, customerId: foreign.id })).toEqual({
      facts: {},
      summaries: [],
    });
    expect(await db().customerMemory.count({ where: { workspaceId: mine.workspace.id } })).toBe(0);
  });

  it("never stores PII: cards, IBANs, e-mail addresses and phone numbers are redacted before the row is written", async () => {
    const { workspace } = await seedWorkspace();
    const customer = await seedCustomer(workspace.id);
    const flow = await seedFlow(workspace.id);
    const conversation = await db().conversation.create({
      data: { workspaceId: workspace.id, customerId: customer.id, ...flow },
    });
    await tx((t) =>
      rememberFact(t, {
        workspaceId: workspace.id,
        customerId: customer.id,
        key: "payment.note",
        value:
          "Paid with 4111 1111 1111 1111, refund to DE89 3704 0044 0532 0130 00, write to jane.roe@example.com or call +1 415 555 0100",
      }),
    );
    await tx((t) =>
      rememberSummary(t, {
        workspaceId: workspace.id,
        customerId: customer.id,
        conversationId: conversation.id,
        summary: "Asked to mail jane.roe@example.com about card 4111111111111111",
      }),
    );

    const rows = await db().customerMemory.findMany({ where: { customerId: customer.id }, orderBy: { kind: "asc" } });
    const stored = rows.map((r) => r.value).join("\n");
    expect(rows[0].value).toBe("Paid with [card], refund to [iban], write to [email] or call [phone]");
    expect(rows[1].value).toBe("Asked to mail [email] about card [card]");
    for (const secret of ["4111", "DE89", "jane.roe", "example.com", "415 555"]) expect(stored).not.toContain(secret);
    // A key cannot smuggle PII either.
    await expect(
      tx((t) =>
        rememberFact(t, { workspaceId: workspace.id, customerId: customer.id, key: "x.4111111111111111", value: "v" }),
      ),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });
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

async function snapshot(conversationId: string) {
  const [conversation, steps, spans, escalations] = await Promise.all([
    db().conversation.findUniqueOrThrow({
      where: { id: conversationId },
      select: { state: true, runtime: true, customerId: true, updatedAt: true },
    }),
    db().step.findMany({
      where: { conversationId },
      orderBy: { seq: "asc" },
      select: { id: true, input: true, output: true },
    }),
    db().span.findMany({
      where: { conversationId },
      orderBy: { id: "asc" },
      select: { id: true, input: true, output: true, attributes: true },
    }),
    db().escalation.findMany({
      where: { conversationId },
      orderBy: { id: "asc" },
      select: { id: true, context: true },
    }),
  ]);
  return { conversation, steps, spans, escalations };
}
