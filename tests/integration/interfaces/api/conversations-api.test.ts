import { beforeAll, describe, expect, it } from "vitest";
import { GET as getConversation } from "@/app/api/v1/conversations/[id]/route";
import { POST as postMessage } from "@/app/api/v1/conversations/[id]/messages/route";
import { GET as getTrace } from "@/app/api/v1/conversations/[id]/trace/route";
import { POST as createConversation } from "@/app/api/v1/conversations/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { db } from "@/lib/platform/db/client";
import { MAX_MESSAGE_LENGTH } from "@/lib/model/limits";
import { demoWorkspace, seedWorkspace } from "@/tests/support/factories";
import { apiRequest, counts, params, seedApiKey } from "./helpers";

let workspaceId: string;
let key: string;
let apiKeyId: string;

beforeAll(async () => {
  workspaceId = (await demoWorkspace()).id;
  const created = await seedApiKey({ workspaceId });
  key = created.key;
  apiKeyId = created.apiKey.id;
});

async function open(body: unknown = { flow: "retail-support" }) {
  const response = await createConversation(apiRequest("/api/v1/conversations", { key, body }));
  return {
    response,
    json: (await response.json()) as { id: string; status: string; messages: { text: string; role: string }[] },
  };
}

const send = (id: string, body: unknown, k: string = key) =>
  postMessage(apiRequest(`/api/v1/conversations/${id}/messages`, { key: k, body }), params(id));

describe("POST /api/v1/conversations and /messages", () => {
  it("starts a Retail conversation and answers a tracking question", async () => {
    const { response, json } = await open({
      flow: "retail-support",
      customer: "C-1001",
      metadata: { source: "test", n: 1 },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe(`/api/v1/conversations/${json.id}`);
    expect(json.status).toBe("active");
    expect(json.messages[0]).toMatchObject({ role: "agent", author: "Web and API chat", sender: "Acme Assistant" });
    expect(json.messages[0].text).toMatch(/Acme/);

    const stored = await db().conversation.findUniqueOrThrow({ where: { id: json.id }, include: { customer: true } });
    expect(stored).toMatchObject({ workspaceId, channel: "api" });
    expect(stored.customer?.ref).toBe("C-1001");
    const audit = await db().auditLog.findFirstOrThrow({
      where: { resourceId: json.id, action: "conversation.started_via_api" },
    });
    expect(audit).toMatchObject({ actorType: "api_key", actorId: apiKeyId });

    const turn = await send(json.id, { text: "Where is my order A1001?" });
    expect(turn.status).toBe(200);
    expect(turn.headers.get("x-ratelimit-limit")).toBe("600");
    const result = (await turn.json()) as {
      conversation: { id: string; status: string };
      replies: { text: string; role: string; author: string; sender: string }[];
    };
    expect(result.conversation).toEqual({ id: json.id, status: "active" });
    expect(result.replies[0].text).toContain("A1001");
    // Customers see the assistant's name; the node's label is for consoles.
    expect(result.replies[0]).toMatchObject({ author: "Order status agent", sender: "Acme Assistant" });

    const read = await getConversation(apiRequest(`/api/v1/conversations/${json.id}`, { key }), params(json.id));
    expect(read.status).toBe(200);
    const conversation = await read.json();
    expect(conversation).toMatchObject({
      id: json.id,
      status: "active",
      customer: "C-1001",
      flow: { slug: "retail-support", version: 1 },
      escalation: null,
    });
    expect(conversation.messages.map((m: { role: string; sender: string | null }) => [m.role, m.sender])).toEqual([
      ["agent", "Acme Assistant"],
      ["customer", null],
      ["agent", "Acme Assistant"],
    ]);

    const trace = await getTrace(apiRequest(`/api/v1/conversations/${json.id}/trace`, { key }), params(json.id));
    expect(trace.status).toBe(200);
    const steps = (await trace.json()).steps as {
      nodeKind: string;
      turn: number;
      seq: number;
      durationMs: number;
      input: unknown;
    }[];
    // C-1001, named by the API, is verified: the Verify customer node passes straight through to the agent.
    expect(steps.map((s) => s.nodeKind)).toEqual([
      "start",
      "guardrail",
      "router",
      "verify_customer",
      "agent",
      "guardrail",
    ]);
    expect(steps[0]).toMatchObject({ turn: 1, seq: 1, input: { text: "Where is my order A1001?" } });
    expect(typeof steps[0].durationMs).toBe("number");

    const key2 = await db().apiKey.findUniqueOrThrow({ where: { id: apiKeyId } });
    expect(key2.lastUsedAt).not.toBeNull();
  });

  it("shows the open escalation", async () => {
    const { json } = await open();
    await send(json.id, { text: "I want to talk to a human" });
    const read = await (
      await getConversation(apiRequest(`/api/v1/conversations/${json.id}`, { key }), params(json.id))
    ).json();
    expect(read.status).toBe("escalated");
    expect(read.escalation).toMatchObject({ status: "open", queue: "general" });
  });

  it("maps engine errors: unknown flow 404, unknown customer 422, ended conversation 409", async () => {
    const unknown = await open({ flow: "no-such-flow" });
    expect(unknown.response.status).toBe(404);
    expect((unknown.json as unknown as { error: { code: string } }).error.code).toBe("NOT_FOUND");

    const customer = await createConversation(
      apiRequest("/api/v1/conversations", { key, body: { flow: "retail-support", customer: "C-9999" } }),
    );
    expect(customer.status).toBe(422);
    expect((await customer.json()).error).toMatchObject({
      code: "VALIDATION",
      fields: { customer: [expect.stringContaining("C-9999")] },
    });

    const { json } = await open();
    await db().conversation.update({ where: { id: json.id }, data: { status: "resolved", endedAt: new Date() } });
    // Writing again after the end reopens the conversation (within the workspace's reopen window).
    const reopened = await send(json.id, { text: "hello again" });
    expect(reopened.status).toBe(200);
    expect((await reopened.json()).conversation).toEqual({ id: json.id, status: "active" });
  });

  it("rejects invalid JSON with 400, schema errors with 422 and oversized messages without writing anything", async () => {
    const { json } = await open();
    const before = await counts();

    const garbage = await postMessage(
      apiRequest(`/api/v1/conversations/${json.id}/messages`, { key, rawBody: "{not json" }),
      params(json.id),
    );
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toEqual({
      error: { code: "BAD_REQUEST", message: "The request body is not valid JSON." },
    });

    const schema = await send(json.id, { text: 42, extra: true });
    expect(schema.status).toBe(422);
    const schemaError = (await schema.json()).error;
    expect(schemaError.code).toBe("VALIDATION");
    expect(Object.keys(schemaError.fields)).toEqual(expect.arrayContaining(["text"]));

    const badChannel = await createConversation(
      apiRequest("/api/v1/conversations", { key, body: { flow: "retail-support", channel: "sms" } }),
    );
    expect(badChannel.status).toBe(422);
    expect((await badChannel.json()).error.fields).toHaveProperty("channel");

    const long = await send(json.id, { text: "x".repeat(MAX_MESSAGE_LENGTH + 1) });
    expect(long.status).toBe(422);
    expect((await long.json()).error.fields).toHaveProperty("text");

    const huge = await send(json.id, { text: "x".repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe("PAYLOAD_TOO_LARGE");

    expect(await counts()).toEqual(before);
  });

  it("never returns another workspace's conversation", async () => {
    const other = await seedWorkspace();
    const otherKey = (await seedApiKey({ workspaceId: other.workspace.id })).key;
    const { json } = await open();
    const before = await counts();
    for (const response of [
      await getConversation(apiRequest(`/api/v1/conversations/${json.id}`, { key: otherKey }), params(json.id)),
      await getTrace(apiRequest(`/api/v1/conversations/${json.id}/trace`, { key: otherKey }), params(json.id)),
      await send(json.id, { text: "Where is my order A1001?" }, otherKey),
    ]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("NOT_FOUND");
    }
    const after = await counts();
    expect(after).toEqual(before);
    // A flow of the demo workspace does not exist for the other workspace's key.
    const foreignFlow = await createConversation(
      apiRequest("/api/v1/conversations", { key: otherKey, body: { flow: "retail-support" } }),
    );
    expect(foreignFlow.status).toBe(404);
  });
});

describe("idempotency", () => {
  it("returns the first result for a repeated idempotencyKey and processes the message once", async () => {
    const { json } = await open();
    const body = { text: "Where is my order A1001?", idempotencyKey: "retry-1" };
    const first = await (await send(json.id, body)).json();
    const second = await send(json.id, body);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(first);
    expect(await db().message.count({ where: { conversationId: json.id, role: "customer" } })).toBe(1);

    const reused = await send(json.id, { text: "something else", idempotencyKey: "retry-1" });
    expect(reused.status).toBe(409);
  });

  it("is race-safe under concurrent duplicates", async () => {
    const { json } = await open();
    const body = { text: "Where is my order A1002?", idempotencyKey: "concurrent-1" };
    const responses = await Promise.all([send(json.id, body), send(json.id, body), send(json.id, body)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(bodies[0].replies[0].text).toContain("A1002");
    expect(await db().message.count({ where: { conversationId: json.id, role: "customer" } })).toBe(1);
    expect(await db().step.count({ where: { conversationId: json.id, turn: 1, nodeKind: "router" } })).toBe(1);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("is public and lists every path with bearer auth and the error shape", async () => {
    const response = GET_openapi();
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/v1/conversations",
      "/api/v1/conversations/{id}",
      "/api/v1/conversations/{id}/events",
      "/api/v1/conversations/{id}/messages",
      "/api/v1/conversations/{id}/trace",
      "/api/v1/conversations/{id}/turns/{eventId}",
      "/api/v1/escalations/{id}",
      "/api/v1/escalations/{id}/messages",
      "/api/v1/escalations/{id}/resolve",
    ]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(expect.arrayContaining(["code", "message"]));
    expect(doc.components.schemas.PostMessage.required).toEqual(["text"]);
    expect(doc.components.schemas.CreateConversation.properties.channel.enum).toEqual(["api", "web"]);
    // Every message says what to show customers (`sender`) apart from the internal label (`author`).
    const message = doc.components.schemas.Message;
    expect(message.required).toEqual(expect.arrayContaining(["author", "sender"]));
    expect(message.properties.author.description).toMatch(/^Internal/);
    expect(message.properties.sender.description).toMatch(/show customers/);
    for (const name of ["StartedConversation", "MessageResult", "Turn", "Conversation"]) {
      const schema = doc.components.schemas[name];
      expect((schema.properties.messages ?? schema.properties.replies).items.required).toContain("sender");
    }
    const example = doc.paths["/api/v1/conversations/{id}/messages"].post.responses["200"].content["application/json"];
    expect(example.example.replies[0]).toMatchObject({ author: "Order status agent", sender: "Acme Assistant" });
  });
});

function GET_openapi() {
  return getOpenApi(new Request("http://localhost/api/v1/openapi.json"));
}
