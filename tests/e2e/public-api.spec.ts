import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_API_KEY } from "../../playwright.config";

// The public API through the server `npm start` runs: a customer's turn (start, message, polled turn) is served by
// the web server's direct routes (scripts/lib/direct-routes.mjs), everything else by Next.js. Both must answer alike.
const auth = { Authorization: `Bearer ${E2E_API_KEY}` };

async function start(request: APIRequestContext) {
  const response = await request.post("/api/v1/conversations", {
    headers: auth,
    data: { flow: "retail-support", customer: "C-1001" },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { id: string; messages: { text: string }[] };
  expect(response.headers()["location"]).toBe(`/api/v1/conversations/${body.id}`);
  return { body, response };
}

async function transcriptLength(request: APIRequestContext, id: string): Promise<number> {
  const response = await request.get(`/api/v1/conversations/${id}`, { headers: auth });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { messages: unknown[] }).messages.length;
}

test("a customer's turn through the public API: replies, idempotency, limits and errors", async ({ request }) => {
  const { body: conversation, response: started } = await start(request);
  expect(conversation.messages[0].text).toMatch(/Acme/);
  // The turn's routes skip Next.js's router, which marks what it serves with its RSC Vary header; the transcript
  // route still goes through it. A Next.js upgrade that moved the built handlers would show here.
  expect(started.headers()["vary"]).toBeUndefined();
  expect(started.headers()["x-content-type-options"]).toBe("nosniff");
  const transcript = await request.get(`/api/v1/conversations/${conversation.id}`, { headers: auth });
  expect(transcript.headers()["vary"]).toContain("rsc");

  const messages = `/api/v1/conversations/${conversation.id}/messages`;
  const ask = { text: "Where is my order A1001?", idempotencyKey: "e2e-where-is-a1001" };
  const first = await request.post(messages, { headers: auth, data: ask });
  expect(first.status()).toBe(200);
  expect(first.headers()["x-ratelimit-limit"]).toBeTruthy();
  const replies = ((await first.json()) as { replies: { id: string; text: string }[] }).replies;
  expect(replies.map((r) => r.text).join(" ")).toMatch(/A1001/);
  // The same idempotency key is the same turn: the same replies, nothing new in the transcript.
  const before = await transcriptLength(request, conversation.id);
  const again = await request.post(messages, { headers: auth, data: ask });
  expect(((await again.json()) as { replies: { id: string }[] }).replies.map((r) => r.id)).toEqual(
    replies.map((r) => r.id),
  );

  // Refusals change nothing.
  const tooBig = await request.post(messages, { headers: auth, data: { text: "x".repeat(70_000) } });
  expect(tooBig.status()).toBe(413);
  expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
  const notJson = await request.post(messages, {
    headers: { ...auth, "Content-Type": "application/json" },
    data: Buffer.from("{not json"),
  });
  expect(notJson.status()).toBe(400);
  const unknownField = await request.post(messages, { headers: auth, data: { text: "hi", extra: 1 } });
  expect(unknownField.status()).toBe(422);
  expect(((await unknownField.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toBeTruthy();
  const noKey = await request.post(messages, { data: { text: "hi" } });
  expect(noKey.status()).toBe(401);
  const elsewhere = await request.post("/api/v1/conversations/not-a-conversation/messages", {
    headers: auth,
    data: { text: "hi" },
  });
  expect(elsewhere.status()).toBe(404);
  expect(await transcriptLength(request, conversation.id)).toBe(before);

  // A turn answered 202 is polled at its Location until it is done; an unknown turn is a 404.
  const waited = await request.post(messages, {
    headers: { ...auth, Prefer: "wait=0" },
    data: { text: "thanks, that's all" },
  });
  expect([200, 202]).toContain(waited.status());
  if (waited.status() === 202) {
    const location = waited.headers()["location"];
    expect(location).toMatch(new RegExp(`^/api/v1/conversations/${conversation.id}/turns/`));
    await expect
      .poll(async () => ((await (await request.get(location, { headers: auth })).json()) as { status: string }).status)
      .toBe("done");
  }
  const unknownTurn = await request.get(`/api/v1/conversations/${conversation.id}/turns/no-such-turn`, {
    headers: auth,
  });
  expect(unknownTurn.status()).toBe(404);
  // Methods a direct route does not serve are Next.js's to answer.
  const put = await request.put(messages, { headers: auth, data: { text: "hi" } });
  expect(put.status()).toBe(405);
});
