// The API's limits beside each key's own quota (auth-and-limits.test.ts): messages per conversation, and every
// request per client address, counted before the key is even looked up. A refusal is 429 with Retry-After and the
// JSON error body, writes nothing, and holds up no other conversation or address.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as getConversation } from "@/app/api/v1/conversations/[id]/route";
import { POST as postMessage } from "@/app/api/v1/conversations/[id]/messages/route";
import { POST as createConversation } from "@/app/api/v1/conversations/route";
import { db } from "@/lib/platform/db/client";
import { demoWorkspace } from "@/tests/support/factories";
import { apiRequest, params, seedApiKey } from "./helpers";

let key: string;

beforeAll(async () => {
  key = (await seedApiKey({ workspaceId: (await demoWorkspace()).id })).key;
});

afterEach(() => {
  delete process.env.API_MESSAGES_PER_CONVERSATION;
  delete process.env.API_REQUESTS_PER_ADDRESS;
});

const from = (address: string) => ({ "x-forwarded-for": address });

async function open(address = "192.0.2.1"): Promise<string> {
  const response = await createConversation(
    apiRequest("/api/v1/conversations", { key, body: { flow: "retail-support" }, headers: from(address) }),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const send = (id: string, text: string, address = "192.0.2.1") =>
  postMessage(
    apiRequest(`/api/v1/conversations/${id}/messages`, { key, body: { text }, headers: from(address) }),
    params(id),
  );

async function expectRefused(response: Response) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const body = await response.json();
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe("RATE_LIMITED");
  return body.error.message as string;
}

describe("API rate limits", () => {
  it("answers 429 with Retry-After past a conversation's messages per minute; other conversations go on", async () => {
    process.env.API_MESSAGES_PER_CONVERSATION = "2";
    const id = await open();
    expect((await send(id, "Where is my order A1001?")).status).toBe(200);
    expect((await send(id, "Thanks")).status).toBe(200);
    const messages = await db().message.count({ where: { conversationId: id } });
    const refused = await send(id, "And A1002?");
    expect(refused.headers.get("x-ratelimit-limit")).toBe("600");
    expect(await expectRefused(refused)).toMatch(/at most 2 per minute/);
    expect(await db().message.count({ where: { conversationId: id } })).toBe(messages);

    const other = await open();
    expect((await send(other, "Where is my order A1001?")).status).toBe(200);
  });

  it("counts every request of a client address, keyed or not; other addresses are not held up", async () => {
    process.env.API_REQUESTS_PER_ADDRESS = "3";
    const get = (address: string, k: string | null = key) =>
      getConversation(apiRequest("/api/v1/conversations/nope", { key: k, headers: from(address) }), params("nope"));
    expect((await get("192.0.2.50")).status).toBe(404);
    expect((await get("192.0.2.50", null)).status).toBe(401);
    expect((await get("192.0.2.50", "sb_live_guessguessguessguessguessguess")).status).toBe(401);
    // Before the key: a guessed key gets the same 429 as a valid one.
    await expectRefused(await get("192.0.2.50", "sb_live_guessguessguessguessguessgues2"));
    await expectRefused(await get("192.0.2.50"));

    expect((await get("192.0.2.51")).status).toBe(404);
  });
});
