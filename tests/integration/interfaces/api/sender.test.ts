// API clients show their customers a message's `sender`: the same name the chat page shows (the workspace's assistant
// name, a flow's own, an operator's first name), never the internal node label that `author` keeps for consoles.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getConversation } from "@/app/api/v1/conversations/[id]/route";
import { GET as getEvents } from "@/app/api/v1/conversations/[id]/events/route";
import { POST as postMessage } from "@/app/api/v1/conversations/[id]/messages/route";
import { GET as getTurn } from "@/app/api/v1/conversations/[id]/turns/[eventId]/route";
import { POST as createConversation } from "@/app/api/v1/conversations/route";
import { db } from "@/lib/platform/db/client";
import { replyToCustomer } from "@/lib/runtime/engine/commands/operator-commands";
import { turnResult } from "@/lib/runtime/engine/commands/send-customer-message";
import { closeLiveListener } from "@/lib/runtime/engine/live/live-listener";
import { demoWorkspace, memberOf, seedUser } from "@/tests/support/factories";
import { apiRequest, params, seedApiKey } from "./helpers";

type ApiMessage = { id: string; role: string; author: string | null; sender: string | null; text: string };

let workspace: Awaited<ReturnType<typeof demoWorkspace>>;
let key: string;

beforeAll(async () => {
  workspace = await demoWorkspace();
  key = (await seedApiKey({ workspaceId: workspace.id })).key;
});

afterAll(async () => {
  await closeLiveListener();
});

async function open(flow: string) {
  const response = await createConversation(apiRequest("/api/v1/conversations", { key, body: { flow } }));
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; messages: ApiMessage[] };
}

async function send(id: string, text: string) {
  const response = await postMessage(
    apiRequest(`/api/v1/conversations/${id}/messages`, { key, body: { text } }),
    params(id),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { replies: ApiMessage[] };
}

async function read(id: string) {
  const response = await getConversation(apiRequest(`/api/v1/conversations/${id}`, { key }), params(id));
  return ((await response.json()) as { messages: ApiMessage[] }).messages;
}

/** The `message` events of the stream's replay (everything up to the first `status` event). */
async function streamedMessages(id: string): Promise<ApiMessage[]> {
  const controller = new AbortController();
  const request = new Request(apiRequest(`/api/v1/conversations/${id}/events`, { key }), {
    signal: controller.signal,
  });
  const response = await getEvents(request, params(id));
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + 5000;
  while (!text.includes("event: status") && Date.now() < deadline) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  controller.abort();
  return text
    .split("\n\n")
    .filter((block) => block.includes("event: message"))
    .map((block) =>
      JSON.parse(
        block
          .split("\n")
          .find((line) => line.startsWith("data: "))!
          .slice(6),
      ),
    );
}

describe("sender in the public API", () => {
  it("names the assistant and the operator on POST replies, GET, the turn and the event stream; author stays internal", async () => {
    const started = await open("retail-support");
    expect(started.messages).toEqual([
      expect.objectContaining({ role: "agent", author: "Web and API chat", sender: "Acme Assistant" }),
    ]);

    const turn = await send(started.id, "Where is my order A1001?");
    expect(turn.replies.length).toBeGreaterThan(0);
    for (const reply of turn.replies) {
      expect(reply.sender).toBe("Acme Assistant");
      expect(reply.author).not.toBe("Acme Assistant");
    }

    // A person takes the conversation and answers: customers see her first name, the console her full name.
    await send(started.id, "I want to talk to a human");
    const seeded = await seedUser({ workspaceId: workspace.id, role: "operator" });
    const user = await db().user.update({ where: { id: seeded.id }, data: { name: "Dana Whitfield" } });
    const replied = await db().$transaction((tx) =>
      replyToCustomer(tx, memberOf(user, workspace, "operator"), {
        conversationId: started.id,
        text: "Hi, Dana here.",
      }),
    );
    await turnResult(started.id, replied.eventId, 15_000);

    const messages = await read(started.id);
    expect(messages.map((m) => [m.role, m.sender])).toEqual([
      ["agent", "Acme Assistant"],
      ["customer", null],
      ["agent", "Acme Assistant"],
      ["customer", null],
      ["agent", "Acme Assistant"],
      ["operator", "Dana"],
    ]);
    expect(messages.map((m) => m.author)).toEqual([
      "Web and API chat",
      null,
      turn.replies[0].author,
      null,
      "Customer care",
      "Dana Whitfield",
    ]);

    const event = await db().conversationEvent.findFirstOrThrow({
      where: { conversationId: started.id, kind: "customer_message" },
      orderBy: { createdAt: "asc" },
    });
    const polled = await getTurn(apiRequest(`/api/v1/conversations/${started.id}/turns/${event.id}`, { key }), {
      params: Promise.resolve({ id: started.id, eventId: event.id }),
    });
    expect(((await polled.json()) as { replies: ApiMessage[] }).replies).toEqual(
      turn.replies.map((r) => expect.objectContaining({ id: r.id, sender: r.sender, author: r.author })),
    );

    const streamed = await streamedMessages(started.id);
    expect(streamed.map((m) => [m.id, m.author, m.sender])).toEqual(messages.map((m) => [m.id, m.author, m.sender]));
  });

  it("uses a flow's own sender name", async () => {
    const started = await open("banking-support");
    expect(started.messages.map((m) => m.sender)).toEqual(["Acme Bank"]);
    expect((await read(started.id)).map((m) => m.sender)).toEqual(["Acme Bank"]);
  });
});
