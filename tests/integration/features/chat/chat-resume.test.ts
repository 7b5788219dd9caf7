// The web chat follows the customer: one browser (one cookie jar, shared by its tabs) comes back to its conversation
// from any tab and after a reload, through an HttpOnly cookie holding the conversation and a random token of which
// only the hash is stored. Without that cookie, or with a wrong one, the conversation does not exist for the caller.
import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("@/tests/support/cookie-jar").then((m) => m.nextHeadersModule()));

const { leaveChat, loadChatUpdates, resumeChat, sendChatMessage, startChat } =
  await import("@/lib/features/chat/actions");
const { CookieJar, switchBrowser } = await import("@/tests/support/cookie-jar");
import { db } from "@/lib/platform/db/client";
import { demoWorkspace } from "@/tests/support/factories";

const workspace = await demoWorkspace();
const chat = { workspaceSlug: workspace.slug, flowSlug: "retail-support" };
const COOKIE = `sb_chat_${workspace.slug}_retail-support`;
const NOT_FOUND = {
  ok: false,
  code: "NOT_FOUND",
  message: "This conversation could not be found. Start a new one.",
};
const DAY_MS = 24 * 60 * 60 * 1000;

type Snapshot = { conversationId: string; status: string; messages: { seq: number; role: string; text: string }[] };

function ok<T>(result: { ok: true; data: T } | { ok: false; code: string; message: string }): T {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.data;
}

/** A browser that opened the chat and asked one question: its jar now holds the conversation's cookie. */
async function chattingBrowser(protocol: "http" | "https" = "http") {
  const jar = switchBrowser(new CookieJar(protocol));
  const started = ok(await startChat(chat));
  const sent = ok(
    await sendChatMessage({
      ...chat,
      conversationId: started.conversationId,
      text: "Where is order A1001?",
      sinceSeq: 1,
    }),
  );
  expect(sent.messages.map((m) => m.role)).toEqual(["customer", "agent"]);
  return { jar, conversationId: started.conversationId };
}

const texts = (snapshot: Snapshot | null) => snapshot?.messages.map((m) => m.text) ?? [];

async function written(conversationId: string) {
  const [messages, events] = await Promise.all([
    db().message.count({ where: { conversationId } }),
    db().conversationEvent.count({ where: { conversationId } }),
  ]);
  return { messages, events };
}

describe("the chat follows the customer", () => {
  it("resumes in every tab and after a reload, from an HttpOnly cookie whose token is stored only as a hash", async () => {
    const { jar, conversationId } = await chattingBrowser();
    const cookie = jar.get(COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false, path: "/", maxAge: 30 * 86_400 });
    const [id, token] = cookie.value.split(".");
    expect(id).toBe(conversationId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(row.chatTokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);

    // A second tab, then a reload: the same browser, so the same jar.
    for (let tab = 0; tab < 2; tab++) {
      const resumed = ok(await resumeChat(chat));
      expect(resumed?.conversationId).toBe(conversationId);
      expect(texts(resumed)[1]).toBe("Where is order A1001?");
      expect(resumed?.messages.map((m) => m.role)).toEqual(["agent", "customer", "agent"]);
    }
    // A tab that shows the conversation already is given only what is new.
    const known = ok(await resumeChat({ ...chat, known: { conversationId, sinceSeq: 3 } }));
    expect(known).toMatchObject({ conversationId, messages: [] });
    // The token never reaches the page's scripts: no answer carries it.
    expect(JSON.stringify(await resumeChat(chat))).not.toContain(token);
    const updates = ok(await loadChatUpdates({ ...chat, conversationId, sinceSeq: 0 }));
    expect(updates.messages).toHaveLength(3);
  });

  it("sets the cookie Secure, SameSite=None and partitioned over https, so a chat framed by a host site keeps it", async () => {
    const { jar } = await chattingBrowser("https");
    expect(jar.get(COOKIE)).toMatchObject({ secure: true, httpOnly: true, sameSite: "none", partitioned: true });
  });

  it("refuses another browser, a wrong token and another conversation's id, and writes nothing", async () => {
    const first = await chattingBrowser();
    const second = await chattingBrowser();
    const before = await written(first.conversationId);

    // A browser with no cookie knows no conversation, even with the id.
    switchBrowser(new CookieJar());
    expect(await resumeChat(chat)).toEqual({ ok: true, data: null });
    expect(await sendChatMessage({ ...chat, conversationId: first.conversationId, text: "hi", sinceSeq: 0 })).toEqual(
      NOT_FOUND,
    );
    expect(await loadChatUpdates({ ...chat, conversationId: first.conversationId, sinceSeq: 0 })).toEqual(NOT_FOUND);

    // The second browser, naming the first one's conversation: refused, and its own cookie stays.
    switchBrowser(second.jar);
    const kept = second.jar.get(COOKIE)!.value;
    expect(await sendChatMessage({ ...chat, conversationId: first.conversationId, text: "hi", sinceSeq: 0 })).toEqual(
      NOT_FOUND,
    );
    expect(await loadChatUpdates({ ...chat, conversationId: first.conversationId, sinceSeq: 0 })).toEqual(NOT_FOUND);
    expect(second.jar.get(COOKIE)?.value).toBe(kept);

    // Its token with the first conversation's id (a cookie edited by hand): refused, and the cookie cleared.
    const tampered = switchBrowser(new CookieJar());
    tampered.put(COOKIE, `${first.conversationId}.${kept.split(".")[1]}`);
    expect(await sendChatMessage({ ...chat, conversationId: first.conversationId, text: "hi", sinceSeq: 0 })).toEqual(
      NOT_FOUND,
    );
    expect(tampered.has(COOKIE)).toBe(false);
    tampered.put(COOKIE, `${first.conversationId}.${"A".repeat(43)}`);
    expect(await resumeChat(chat)).toEqual({ ok: true, data: null });
    expect(tampered.has(COOKIE)).toBe(false);

    // The right cookie on another flow's chat opens nothing there.
    switchBrowser(first.jar);
    expect(
      await sendChatMessage({
        ...chat,
        flowSlug: "banking-support",
        conversationId: first.conversationId,
        text: "hi",
        sinceSeq: 0,
      }),
    ).toEqual(NOT_FOUND);

    expect(await written(first.conversationId)).toEqual(before);
  });

  it("clears a cookie that opens nothing any more", async () => {
    const { jar, conversationId } = await chattingBrowser();
    await db().conversation.delete({ where: { id: conversationId } });
    expect(await resumeChat(chat)).toEqual({ ok: true, data: null });
    expect(jar.has(COOKIE)).toBe(false);

    jar.put(COOKIE, "not a pass");
    expect(await resumeChat(chat)).toEqual({ ok: true, data: null });
    expect(jar.has(COOKIE)).toBe(false);
  });

  it("keeps access when a message after the reopen window continues in a new conversation", async () => {
    const { jar, conversationId } = await chattingBrowser();
    const token = jar.get(COOKIE)!.value.split(".")[1];
    await db().conversation.update({
      where: { id: conversationId },
      data: { status: "resolved", waitingFor: null, endedAt: new Date(Date.now() - 8 * DAY_MS) },
    });
    const continued = ok(
      await sendChatMessage({ ...chat, conversationId, text: "and where is order A1002?", sinceSeq: 3 }),
    );
    expect(continued.conversationId).not.toBe(conversationId);
    expect(texts(continued)).toContain("and where is order A1002?");
    const next = await db().conversation.findUniqueOrThrow({ where: { id: continued.conversationId } });
    const previous = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(next).toMatchObject({ previousConversationId: conversationId, chatTokenHash: previous.chatTokenHash });

    // The cookie follows it, with the same token; every tab resumes there, and the old one is left behind.
    expect(jar.get(COOKIE)?.value).toBe(`${continued.conversationId}.${token}`);
    expect(ok(await resumeChat(chat))?.conversationId).toBe(continued.conversationId);
    expect(ok(await loadChatUpdates({ ...chat, conversationId: continued.conversationId, sinceSeq: 0 })).status).toBe(
      next.status,
    );
    expect(await loadChatUpdates({ ...chat, conversationId, sinceSeq: 0 })).toEqual(NOT_FOUND);
  });

  it("starts a new conversation only when asked, and the cookie then opens only the new one", async () => {
    const { jar, conversationId } = await chattingBrowser();
    const before = await written(conversationId);

    // "Start a new conversation" leaves the old one at once: a reload shows none (the next message starts one).
    expect(await leaveChat({ ...chat, conversationId })).toEqual({ ok: true });
    expect(jar.has(COOKIE)).toBe(false);
    expect(await resumeChat(chat)).toEqual({ ok: true, data: null });

    const started = ok(await startChat(chat));
    expect(started.conversationId).not.toBe(conversationId);
    expect(jar.get(COOKIE)?.value.startsWith(`${started.conversationId}.`)).toBe(true);
    expect(ok(await resumeChat(chat))?.conversationId).toBe(started.conversationId);
    expect(await sendChatMessage({ ...chat, conversationId, text: "hello?", sinceSeq: 0 })).toEqual(NOT_FOUND);
    expect(await written(conversationId)).toEqual(before);

    // A tab still showing the old conversation leaving it does not take the new one away.
    expect(await leaveChat({ ...chat, conversationId })).toEqual({ ok: true });
    expect(ok(await resumeChat(chat))?.conversationId).toBe(started.conversationId);
  });

  it("validates what the page sends", async () => {
    switchBrowser(new CookieJar());
    expect(await resumeChat({ ...chat, known: { conversationId: "bad id!", sinceSeq: 0 } })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    expect(await resumeChat({ workspaceSlug: workspace.slug, flowSlug: "no-such-flow" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      message: "This chat does not exist.",
    });
  });
});
