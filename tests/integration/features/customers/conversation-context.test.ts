// The inbox's context panel: a known customer's profile, orders, previous conversations and memory; what is known of
// an anonymous web visitor (channel, identity level, the chat's page and referrer recorded at the start); nothing of
// another workspace; customer data only for roles that may read customers.
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("@/tests/support/cookie-jar").then((m) => m.nextHeadersModule()));

const { sendChatMessage, startChat } = await import("@/lib/features/chat/actions");
const { CookieJar, switchBrowser } = await import("@/tests/support/cookie-jar");
import { AppError } from "@/lib/model/errors";
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { getConversationContext, getCustomerContext } from "@/lib/features/customers/conversation-context";
import { demoWorkspace, seedWorkspace } from "@/tests/support/factories";
import { ownerOf } from "@/tests/support/customers";

const workspace = await demoWorkspace();
const customerId = await ownerOf(workspace.id, "A1004");
const customer = await db().customer.findUniqueOrThrow({ where: { id: customerId } });
const chat = { workspaceSlug: workspace.slug, flowSlug: "retail-support" };

const open = (id: string | null = customerId) =>
  startConversation({ workspaceId: workspace.id, flowSlug: "retail-support", channel: "web", customerId: id });

describe("getConversationContext for a known customer", () => {
  it("shows the profile masked, their recent orders with items, the other conversations and unexpired memory", async () => {
    const earlier = await open();
    const current = await open();
    await db().customerMemory.create({
      data: {
        workspaceId: workspace.id,
        customerId,
        kind: "fact",
        key: "preferred_carrier",
        value: "UPS",
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });

    const context = await getConversationContext({
      workspaceId: workspace.id,
      role: "operator",
      conversationId: current.id,
    });
    expect(context?.customer?.access).toBe("granted");
    if (context?.customer?.access !== "granted") throw new Error("no customer");
    const { profile, orders, conversations, memory } = context.customer;
    expect(profile).toMatchObject({ id: customerId, ref: customer.ref, name: customer.name });
    expect(profile.email).not.toBe(customer.email);
    expect(profile.email).toMatch(/\*\*\*@/);

    const a1004 = orders.rows.find((o) => o.number === "A1004");
    expect(a1004).toBeDefined();
    expect(a1004!.items.length).toBeGreaterThan(0);
    expect(a1004!.items[0]).toMatchObject({ name: expect.any(String), quantity: expect.any(Number) });
    const ownOrders = await db().order.count({ where: { workspaceId: workspace.id, customerId } });
    expect(orders.total).toBe(ownOrders);
    expect(orders.rows.length).toBeLessThanOrEqual(5);

    const ids = conversations.rows.map((c) => c.id);
    expect(ids).toContain(earlier.id);
    expect(ids).not.toContain(current.id);
    expect(memory.facts).toContainEqual(expect.objectContaining({ key: "preferred_carrier", value: "UPS" }));

    expect(context.visit).toMatchObject({ channel: "web", identityLevel: "verified", identityMethod: "api" });
    const { startedAt: earlierStart } = await db().conversation.findUniqueOrThrow({ where: { id: earlier.id } });
    expect(context.visit.firstSeenAt.getTime()).toBeLessThanOrEqual(earlierStart.getTime());
    expect(context.browserConversations).toBeNull();
  });

  it("keeps customer data from a role without customer.read, and refuses that role the customer page", async () => {
    const current = await open();
    const context = await getConversationContext({
      workspaceId: workspace.id,
      role: "designer",
      conversationId: current.id,
    });
    expect(context?.customer).toEqual({ access: "restricted" });
    expect(context?.visit.identityLevel).toBe("verified");
    await expect(getCustomerContext({ workspaceId: workspace.id, role: "designer", customerId })).rejects.toThrow(
      AppError,
    );
    const forAuditor = await getCustomerContext({ workspaceId: workspace.id, role: "auditor", customerId });
    expect(forAuditor?.profile.id).toBe(customerId);
  });
});

describe("getConversationContext for an anonymous web visitor", () => {
  it("records the chat's page and referrer without their queries, and shows channel and identity level", async () => {
    switchBrowser(new CookieJar());
    const started = await startChat({
      ...chat,
      origin: {
        pageUrl: "https://shop.example.com/help/chat?utm_source=mail&email=jane@example.com#top",
        referrer: "https://www.search.example/results?q=refund+order",
      },
    });
    if (!started.ok) throw new Error(started.message);
    const context = await getConversationContext({
      workspaceId: workspace.id,
      role: "operator",
      conversationId: started.data.conversationId,
    });
    expect(context?.customer).toBeNull();
    expect(context?.visit).toMatchObject({
      channel: "web",
      identityLevel: "anonymous",
      pageUrl: "https://shop.example.com/help/chat",
      referrer: "https://www.search.example/results",
      messageCount: started.data.messages.length,
    });
    expect(context?.visit.firstSeenAt).toEqual(context?.visit.startedAt);
    expect(context?.browserConversations).toEqual({ rows: [], total: 0 });
  });

  it("lists the same browser's earlier conversation and says when it was first seen", async () => {
    switchBrowser(new CookieJar());
    const started = await startChat(chat);
    if (!started.ok) throw new Error(started.message);
    const firstId = started.data.conversationId;
    // Written to long after it ended, the chat continues in a new conversation with the same browser token.
    const first = await db().conversation.update({
      where: { id: firstId },
      data: { status: "resolved", waitingFor: null, endedAt: new Date(Date.now() - 8 * 86_400_000) },
    });
    const sent = await sendChatMessage({ ...chat, conversationId: firstId, text: "hello again", sinceSeq: 1 });
    if (!sent.ok) throw new Error(sent.message);
    expect(sent.data.conversationId).not.toBe(firstId);

    const context = await getConversationContext({
      workspaceId: workspace.id,
      role: "operator",
      conversationId: sent.data.conversationId,
    });
    expect(context?.customer).toBeNull();
    expect(context?.browserConversations?.total).toBe(1);
    expect(context?.browserConversations?.rows[0]).toMatchObject({ id: firstId, status: "resolved", channel: "web" });
    expect(context?.visit.firstSeenAt).toEqual(first.startedAt);
  });

  it("refuses a start whose page address is not a web address, and starts nothing", async () => {
    switchBrowser(new CookieJar());
    const before = await db().conversation.count({ where: { workspaceId: workspace.id } });
    const refused = await startChat({ ...chat, origin: { pageUrl: "javascript:alert(1)" } });
    expect(refused).toMatchObject({ ok: false, code: "VALIDATION" });
    const tooLong = await startChat({ ...chat, origin: { referrer: `https://a.example/${"x".repeat(2100)}` } });
    expect(tooLong).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await db().conversation.count({ where: { workspaceId: workspace.id } })).toBe(before);
  });
});

describe("workspace isolation", () => {
  it("never shows another workspace's customer, orders or conversations", async () => {
    const { workspace: other } = await seedWorkspace();
    const stranger = await db().customer.create({
      data: { workspaceId: other.id, ref: "C-9999", name: "Other Shopper", email: "other@example.test" },
    });
    const product = await db().product.create({
      data: { workspaceId: other.id, sku: "OTHER-1", name: "Other thing", priceCents: 100 },
    });
    // An order of the other workspace that names this workspace's customer: it must not reach their panel.
    await db().order.create({
      data: {
        workspaceId: other.id,
        number: "X9001",
        customerId,
        status: "processing",
        totalCents: 100,
        shippingAddress: {},
        placedAt: new Date(),
        items: { create: { productId: product.id, quantity: 1, unitPriceCents: 100 } },
      },
    });
    const current = await open();
    const context = await getConversationContext({
      workspaceId: workspace.id,
      role: "admin",
      conversationId: current.id,
    });
    if (context?.customer?.access !== "granted") throw new Error("no customer");
    expect(context.customer.orders.rows.map((o) => o.number)).not.toContain("X9001");
    expect(context.customer.orders.total).toBe(
      await db().order.count({ where: { workspaceId: workspace.id, customerId } }),
    );

    // The other workspace cannot open this conversation or this customer by id.
    expect(await getConversationContext({ workspaceId: other.id, role: "admin", conversationId: current.id })).toBe(
      null,
    );
    expect(await getCustomerContext({ workspaceId: other.id, role: "admin", customerId })).toBeNull();

    // A conversation row pointing at another workspace's customer shows no customer at all.
    const corrupt = await open(null);
    await db().conversation.update({ where: { id: corrupt.id }, data: { customerId: stranger.id } });
    const leaked = await getConversationContext({
      workspaceId: workspace.id,
      role: "admin",
      conversationId: corrupt.id,
    });
    expect(leaked?.customer).toBeNull();
    expect(JSON.stringify(leaked)).not.toContain("Other Shopper");
  });
});
