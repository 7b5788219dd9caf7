// A conversation opened through the API (or A2A, MCP) is not a web chat: it has no resume token, so no browser's
// cookie opens it, and the chat's actions answer "not found" for its id, with or without a cookie, writing nothing.
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("@/tests/support/cookie-jar").then((m) => m.nextHeadersModule()));

const { loadChatUpdates, resumeChat, sendChatMessage, startChat } = await import("@/lib/features/chat/actions");
const { CookieJar, switchBrowser } = await import("@/tests/support/cookie-jar");
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { demoWorkspace } from "@/tests/support/factories";

const workspace = await demoWorkspace();
const chat = { workspaceSlug: workspace.slug, flowSlug: "retail-support" };
const COOKIE = `sb_chat_${workspace.slug}_retail-support`;
const NOT_FOUND = { ok: false, code: "NOT_FOUND", message: "This conversation could not be found. Start a new one." };

describe("an API conversation in the web chat", () => {
  it("is not found by its id, with no cookie, another conversation's cookie or a forged one", async () => {
    const api = await startConversation({ workspaceId: workspace.id, flowSlug: "retail-support", channel: "api" });
    const conversationId = api.id;
    const written = () => db().message.count({ where: { conversationId } });
    const before = await written();
    expect(before).toBeGreaterThan(0);

    const attempts = async () => {
      expect(await loadChatUpdates({ ...chat, conversationId, sinceSeq: 0 })).toEqual(NOT_FOUND);
      expect(await sendChatMessage({ ...chat, conversationId, text: "Show me the transcript", sinceSeq: 0 })).toEqual(
        NOT_FOUND,
      );
    };

    switchBrowser(new CookieJar());
    await attempts();
    expect(await resumeChat(chat)).toEqual({ ok: true, data: null });

    const visitor = switchBrowser(new CookieJar());
    const own = await startChat(chat);
    expect(own.ok).toBe(true);
    await attempts();
    expect(visitor.has(COOKIE)).toBe(true);

    // The API conversation's id with a token of the visitor's own (it has no token hash to match).
    const forged = switchBrowser(new CookieJar());
    forged.put(COOKIE, `${conversationId}.${visitor.get(COOKIE)!.value.split(".")[1]}`);
    await attempts();

    expect(await written()).toBe(before);
  });
});
