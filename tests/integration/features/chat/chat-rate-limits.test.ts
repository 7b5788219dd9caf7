// The public chat's rate limits, through its server actions as a browser calls them (cookie jar and client address
// from tests/support/cookie-jar.ts): conversations one address may start, messages per conversation and per address.
// A refusal is a kind message with the wait, writes nothing, and holds up no other address or conversation.
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("@/tests/support/cookie-jar").then((m) => m.nextHeadersModule()));

const { sendChatMessage, startChat } = await import("@/lib/features/chat/actions");
const { CookieJar, switchBrowser } = await import("@/tests/support/cookie-jar");
import { db } from "@/lib/platform/db/client";
import { demoWorkspace } from "@/tests/support/factories";

const workspace = await demoWorkspace();
const chat = { workspaceSlug: workspace.slug, flowSlug: "retail-support" };
const SLOW_DOWN = /^You're sending messages very quickly\. Please wait \d+ seconds? and try again\.$/;
const LIMITS = ["CHAT_STARTS_PER_ADDRESS", "CHAT_MESSAGES_PER_ADDRESS", "CHAT_MESSAGES_PER_CONVERSATION"] as const;

afterEach(() => {
  for (const name of LIMITS) delete process.env[name];
});

function ok<T>(result: { ok: true; data: T } | { ok: false; code: string; message: string }): T {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.data;
}

async function open(address: string) {
  switchBrowser(new CookieJar("http", address));
  return ok(await startChat(chat)).conversationId;
}

const say = (conversationId: string, text: string) => sendChatMessage({ ...chat, conversationId, text, sinceSeq: 0 });

describe("public chat rate limits", () => {
  it("refuses an address's 11th conversation in ten minutes with the wait, and no other address", async () => {
    for (let i = 0; i < 10; i++) await open("203.0.113.10");
    const before = await db().conversation.count();
    switchBrowser(new CookieJar("http", "203.0.113.10"));
    const refused = await startChat(chat);
    expect(refused).toMatchObject({ ok: false, code: "RATE_LIMITED", message: expect.stringMatching(SLOW_DOWN) });
    const retry = (refused as { retryAfterSeconds?: number }).retryAfterSeconds ?? 0;
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(await db().conversation.count()).toBe(before);

    await open("203.0.113.11");
    expect(await db().conversation.count()).toBe(before + 1);
  });

  it("refuses a conversation's messages past its per-minute limit, not another conversation's", async () => {
    process.env.CHAT_MESSAGES_PER_CONVERSATION = "2";
    const first = await open("203.0.113.20");
    ok(await say(first, "Where is order A1001?"));
    ok(await say(first, "Thanks"));
    const messages = await db().message.count({ where: { conversationId: first } });
    const refused = await say(first, "Hello again");
    expect(refused).toMatchObject({ ok: false, code: "RATE_LIMITED", message: expect.stringMatching(SLOW_DOWN) });
    expect(await db().message.count({ where: { conversationId: first } })).toBe(messages);

    const second = await open("203.0.113.20");
    ok(await say(second, "Where is order A1001?"));
  });

  it("refuses an address's messages past its per-minute limit, whatever the conversation", async () => {
    process.env.CHAT_MESSAGES_PER_ADDRESS = "3";
    const first = await open("203.0.113.30");
    ok(await say(first, "Where is order A1001?"));
    ok(await say(first, "Thanks"));
    const second = await open("203.0.113.30");
    ok(await say(second, "Hello"));
    expect(await say(second, "Hello?")).toMatchObject({ ok: false, code: "RATE_LIMITED" });

    const elsewhere = await open("198.51.100.30");
    ok(await say(elsewhere, "Hello"));
  });

  it("takes an IPv6 /64 as one client", async () => {
    process.env.CHAT_STARTS_PER_ADDRESS = "1";
    await open("2001:db8:77:1::1");
    switchBrowser(new CookieJar("http", "2001:db8:77:1::2"));
    expect(await startChat(chat)).toMatchObject({ ok: false, code: "RATE_LIMITED" });
  });
});
