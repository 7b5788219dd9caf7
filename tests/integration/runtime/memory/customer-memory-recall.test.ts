// Customer long-term memory: facts upserted by key, summaries per conversation, recall newest first, validation,
// workspace isolation and PII redaction before a row is written.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { recallCustomerMemory, rememberFact, rememberSummary } from "@/lib/runtime/memory/customer-memory";
import { listCustomers } from "@/lib/features/customers/list-customers";
import { getCustomerMemory } from "@/lib/features/customers/get-customer-memory";
import { seedWorkspace } from "@/tests/support/factories";
import { DAY, seedCustomer, seedFlow, tx } from "@/tests/integration/runtime/memory/customer-memory-helpers";

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
