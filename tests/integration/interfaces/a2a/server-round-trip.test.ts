// A published flow as an A2A agent, driven by @a2a-js/sdk's own client over HTTP against the Retail demo.
import { randomUUID } from "node:crypto";
import { TaskState, type StreamResponse, type Task } from "@a2a-js/sdk";
import type { Client } from "@a2a-js/sdk/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESCALATED_NOTE } from "@/lib/interfaces/a2a/turn-state";
import type { Member } from "@/lib/platform/auth/current-member";
import { db } from "@/lib/platform/db/client";
import { replyToCustomer } from "@/lib/runtime/engine/commands/operator-commands";
import { turnResult } from "@/lib/runtime/engine/commands/send-customer-message";
import { demoWorkspace, seedUser } from "@/tests/support/factories";
import { seedApiKey } from "../api/helpers";
import { a2aClient, keyFetch, send, textsOf, userMessage } from "@/tests/support/a2a-client";
import { a2aCounts, startA2aServer } from "./server-harness";

let server: { url: string; close: () => Promise<void> };
let key: string;
let keyId: string;
let client: Client;
let cardUrl: string;
let endpoint: string;

beforeAll(async () => {
  server = await startA2aServer();
  const workspace = await demoWorkspace();
  const created = await seedApiKey({ workspaceId: workspace.id, name: "A2A test key" });
  key = created.key;
  keyId = created.apiKey.id;
  endpoint = `${server.url}/api/a2a/${workspace.slug}/retail-support`;
  cardUrl = `${endpoint}/.well-known/agent-card.json`;
  client = await a2aClient(cardUrl, key);
});

afterAll(async () => {
  await server?.close();
});

const link = (task: Task) =>
  task.metadata?.switchboard as { conversationId: string; lastMessageSeq: number; conversationStatus: string };

async function sendText(text: string, ids: { contextId?: string; taskId?: string } = {}): Promise<Task> {
  const result = await client.sendMessage(send(userMessage(text, ids)));
  if (!("id" in result)) throw new Error("expected a task");
  return result;
}

describe("A2A server: agent card", () => {
  it("describes the flow: name, version, JSON-RPC URL, streaming, bearer auth, skills from the router's routes", async () => {
    const card = await client.getAgentCard();
    expect(card).toMatchObject({
      name: "Retail support",
      version: "1",
      defaultInputModes: ["text/plain"],
      defaultOutputModes: ["text/plain"],
    });
    expect(card.description).toMatch(/Order status/);
    expect(card.supportedInterfaces[0]).toMatchObject({
      url: endpoint,
      protocolBinding: "JSONRPC",
      protocolVersion: "1.0",
    });
    expect(card.capabilities?.streaming).toBe(true);
    expect(Object.values(card.securitySchemes)[0].scheme).toMatchObject({
      $case: "httpAuthSecurityScheme",
      value: { scheme: "Bearer" },
    });
    expect(card.securityRequirements).toHaveLength(1);
    const tracking = card.skills.find((s) => s.name === "Order status");
    expect(tracking?.examples).toContain("Where is my order?");
    expect(tracking?.description).toMatch(/Retail support/);
    expect(card.skills.length).toBeGreaterThan(3);
  });

  it("serves the v0.3 shape (url, preferredTransport, security) to clients that do not announce 1.0", async () => {
    const response = await keyFetch(key)(cardUrl);
    expect(response.status).toBe(200);
    const legacy = await response.json();
    expect(legacy).toMatchObject({
      name: "Retail support",
      url: endpoint,
      preferredTransport: "JSONRPC",
      protocolVersion: "0.3",
      capabilities: { streaming: true },
    });
    expect(legacy.security).toEqual([{ switchboardApiKey: [] }]);
    expect(legacy.securitySchemes.switchboardApiKey).toMatchObject({ type: "http", scheme: "Bearer" });
  });
});

describe("A2A server: messages", () => {
  it("answers an order question, then continues the same conversation in the same context", async () => {
    const contextId = randomUUID();
    const first = await sendText("where is my order A1002", { contextId });
    expect(first.contextId).toBe(contextId);
    expect(first.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    const replies = textsOf(first.status?.message);
    expect(replies[0]).toMatch(/Acme/); // the greeting of the new conversation
    expect(replies.join("\n")).toContain("A1002");
    const { conversationId } = link(first);
    const conversation = await db().conversation.findUniqueOrThrow({
      where: { id: conversationId },
      include: { flow: true },
    });
    expect(conversation).toMatchObject({ channel: "api", status: "active" });
    expect(conversation.flow.slug).toBe("retail-support");

    const second = await sendText("and what about order A1001?", { contextId });
    expect(second.id).not.toBe(first.id);
    expect(link(second).conversationId).toBe(conversationId);
    const secondReplies = textsOf(second.status?.message);
    expect(secondReplies.join("\n")).toContain("A1001");
    expect(secondReplies.join("\n")).not.toMatch(/Acme/); // the greeting was already shown to this context
    const customerMessages = await db().message.findMany({
      where: { conversationId, role: "customer" },
      orderBy: { seq: "asc" },
    });
    expect(customerMessages.map((m) => m.text)).toEqual(["where is my order A1002", "and what about order A1001?"]);
    expect(await db().conversation.count({ where: { id: conversationId } })).toBe(1);

    const listed = await client.listTasks({
      tenant: "",
      contextId,
      status: TaskState.TASK_STATE_UNSPECIFIED,
      pageSize: 10,
      pageToken: "",
      statusTimestampAfter: undefined,
    });
    expect(listed.tasks.map((t) => t.id).sort()).toEqual([first.id, second.id].sort());

    // Answering the input-required task itself keeps the task id.
    const third = await sendText("thanks, A1002 again please", { contextId, taskId: second.id });
    expect(third.id).toBe(second.id);
    expect(link(third).conversationId).toBe(conversationId);

    const audit = await db().auditLog.findMany({
      where: { actorId: keyId, OR: [{ resourceId: conversationId }, { resourceId: { in: [first.id, second.id] } }] },
    });
    expect(audit.map((a) => a.action).sort()).toEqual([
      "a2a_task.message_sent",
      "a2a_task.message_sent",
      "a2a_task.message_sent",
      "conversation.started_via_a2a",
    ]);
    expect(audit.every((a) => a.actorType === "api_key" && a.actorLabel.includes("A2A test key"))).toBe(true);
  });

  it("opens one conversation when two first messages of a new context arrive at once", async () => {
    const contextId = randomUUID();
    const before = await db().conversation.count();
    const [a, b] = await Promise.all([
      sendText("where is my order A1002", { contextId }),
      sendText("where is my order A1001", { contextId }),
    ]);
    expect(a.id).not.toBe(b.id);
    expect(link(a).conversationId).toBe(link(b).conversationId);
    expect(await db().conversation.count()).toBe(before + 1);
    const customerMessages = await db().message.findMany({
      where: { conversationId: link(a).conversationId, role: "customer" },
    });
    expect(customerMessages.map((m) => m.text).sort()).toEqual(["where is my order A1001", "where is my order A1002"]);
  });

  it("streams a status update per reply and ends in a final state", async () => {
    const events: StreamResponse[] = [];
    for await (const event of client.sendMessageStream(send(userMessage("where is my order A1002"))))
      events.push(event);
    const cases = events.map((e) => e.payload?.$case);
    expect(cases[0]).toBe("task");
    const updates = events.flatMap((e) => (e.payload?.$case === "statusUpdate" ? [e.payload.value] : []));
    const replies = updates.filter((u) => u.status?.state === TaskState.TASK_STATE_WORKING && u.status.message);
    expect(replies.length).toBeGreaterThanOrEqual(2); // greeting + the answer
    expect(replies.map((u) => textsOf(u.status?.message).join("")).join("\n")).toContain("A1002");
    const final = updates.at(-1);
    expect(final?.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);

    // tasks/get reads the stored task (from Postgres) with its history.
    const taskId = final!.taskId;
    const stored = await client.getTask({ tenant: "", id: taskId });
    expect(stored.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    expect(textsOf(stored.history[0])).toEqual(["where is my order A1002"]);
    const row = await db().a2aTask.findUniqueOrThrow({ where: { id: taskId } });
    expect(row).toMatchObject({ state: "TASK_STATE_INPUT_REQUIRED", conversationId: link(stored).conversationId });
  });

  it("reports a hand-off to a person as input-required, and the person's replies come back with the next message", async () => {
    const contextId = randomUUID();
    const task = await sendText("I want to talk to a human", { contextId });
    expect(task.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
    expect(textsOf(task.status?.message)).toContain(ESCALATED_NOTE);
    expect(link(task).conversationStatus).toBe("escalated");

    const { conversationId } = link(task);
    const workspace = await demoWorkspace();
    const user = await seedUser({ workspaceId: workspace.id, role: "operator" });
    const member: Member = {
      userId: user.id,
      email: user.email,
      name: "Alice",
      workspaceId: workspace.id,
      workspaceSlug: workspace.slug,
      workspaceName: workspace.name,
      role: "operator",
    };
    const reply = await db().$transaction(
      (tx) => replyToCustomer(tx, member, { conversationId, text: "Hi, I'm Alice from the care team." }),
      { timeout: 20_000 },
    );
    await turnResult(conversationId, reply.eventId, 30_000);

    const next = await sendText("thanks Alice, it's about order A1002", { contextId });
    expect(link(next).conversationId).toBe(conversationId);
    expect(textsOf(next.status?.message)).toContain("Hi, I'm Alice from the care team.");
    expect(next.status?.state).toBe(TaskState.TASK_STATE_INPUT_REQUIRED);
  });

  it("resubscribing to a task that is waiting for input returns its stored state", async () => {
    const task = await sendText("where is my order A1002");
    const events: StreamResponse[] = [];
    for await (const event of client.resubscribeTask({ tenant: "", id: task.id })) events.push(event);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({
      $case: "task",
      value: { id: task.id, status: { state: TaskState.TASK_STATE_INPUT_REQUIRED } },
    });
  });

  it("cancels a task (audited) and refuses further messages to it", async () => {
    const task = await sendText("where is my order A1002");
    const canceled = await client.cancelTask({ tenant: "", id: task.id, metadata: undefined });
    expect(canceled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    expect((await client.getTask({ tenant: "", id: task.id })).status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    await client.cancelTask({ tenant: "", id: task.id, metadata: undefined }); // again: no change, no second entry
    expect(
      await db().auditLog.count({ where: { action: "a2a_task.canceled", resourceId: task.id, actorId: keyId } }),
    ).toBe(1);
    await expect(sendText("hello again", { taskId: task.id })).rejects.toThrow(/terminal state/);
  });

  it("refuses non-text parts with invalid params and writes nothing", async () => {
    const before = await a2aCounts();
    const message = userMessage("ignored");
    message.parts = [
      {
        content: { $case: "data", value: { order: "A1002" } },
        mediaType: "application/json",
        filename: "",
        metadata: undefined,
      },
    ];
    await expect(client.sendMessage(send(message))).rejects.toThrow(/Only text parts/);
    const raw = await keyFetch(key)(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", "a2a-version": "1.0" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 7,
        method: "SendMessage",
        params: { message: { messageId: "m1", role: "ROLE_USER", parts: [{ url: "https://example.com/a.png" }] } },
      }),
    });
    expect(await raw.json()).toMatchObject({ id: 7, error: { code: -32602 } });
    expect(await a2aCounts()).toEqual(before);
  });

  it("speaks the v0.3 method names too (message/send, tasks/get)", async () => {
    const post = async (body: unknown) =>
      (
        await keyFetch(key)(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json();
    const sent = await post({
      jsonrpc: "2.0",
      id: 1,
      method: "message/send",
      params: {
        message: {
          kind: "message",
          messageId: randomUUID(),
          role: "user",
          parts: [{ kind: "text", text: "where is my order A1002" }],
        },
      },
    });
    expect(sent.result).toMatchObject({ kind: "task", status: { state: "input-required" } });
    expect(JSON.stringify(sent.result.status.message)).toContain("A1002");
    const got = await post({ jsonrpc: "2.0", id: 2, method: "tasks/get", params: { id: sent.result.id } });
    expect(got.result).toMatchObject({ id: sent.result.id, status: { state: "input-required" } });
  });
});
