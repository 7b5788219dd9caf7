// Who may not reach a flow's A2A agent: no key, another workspace's key, a flow that is not published or does not
// take the API channel. Each is refused before anything is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { createFlow } from "@/lib/features/flows/create-flow";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import { TICKET_FLOW, publishedFlow } from "@/tests/support/engine";
import { demoWorkspace, seedUser } from "@/tests/support/factories";
import { seedApiKey } from "../api/helpers";
import { a2aClient, keyFetch, send, userMessage } from "@/tests/support/a2a-client";
import { a2aCounts, startA2aServer } from "./server-harness";

let server: { url: string; close: () => Promise<void> };
let demoSlug: string;
let key: string;
let otherKey: string;
let otherSlug: string;

const webOnly = {
  ...TICKET_FLOW,
  nodes: TICKET_FLOW.nodes.map((n) => (n.kind === "start" ? { ...n, config: { ...n.config, channels: ["web"] } } : n)),
} as typeof TICKET_FLOW;

beforeAll(async () => {
  server = await startA2aServer();
  const demo = await demoWorkspace();
  demoSlug = demo.slug;
  key = (await seedApiKey({ workspaceId: demo.id })).key;
  const other = await publishedFlow(TICKET_FLOW, "other-tickets");
  otherSlug = other.workspace.slug;
  otherKey = (await seedApiKey({ workspaceId: other.workspace.id })).key;
  await publishedFlow(webOnly, "web-only", { workspaceId: demo.id });
  const author = await seedUser({ workspaceId: demo.id, role: "admin" });
  await db().$transaction((tx) =>
    createFlow(tx, {
      workspaceId: demo.id,
      name: "Draft only",
      slug: "draft-only",
      description: "",
      graph: flowGraphSchema.parse(TICKET_FLOW),
      userId: author.id,
    }),
  );
});

afterAll(async () => {
  await server?.close();
});

const url = (path: string) => `${server.url}/api/a2a/${path}`;
const rpc = (path: string, k: string | null) =>
  keyFetch(k)(url(path), {
    method: "POST",
    headers: { "content-type": "application/json", "a2a-version": "1.0" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "SendMessage",
      params: send(userMessage("where is my order A1002")),
    }),
  });

describe("A2A server: refusals", () => {
  it("lists the key's workspace's agents, and only published flows that take the API channel", async () => {
    const response = await keyFetch(key)(url(demoSlug), { headers: { "a2a-version": "1.0" } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      workspace: string;
      agents: { flow: string; cardUrl: string; endpoint: string; card: { name: string } }[];
    };
    expect(body.workspace).toBe(demoSlug);
    expect(body.agents.map((a) => a.flow).sort()).toEqual(["banking-support", "retail-support"]);
    expect(body.agents.find((a) => a.flow === "retail-support")).toMatchObject({
      cardUrl: url(`${demoSlug}/retail-support/.well-known/agent-card.json`),
      endpoint: url(`${demoSlug}/retail-support`),
      card: { name: "Retail support" },
    });
  });

  it("without a key: 401 for the card, the endpoint and the directory, and the SDK client cannot start", async () => {
    const before = await a2aCounts();
    for (const response of [
      await keyFetch(null)(url(`${demoSlug}/retail-support/.well-known/agent-card.json`)),
      await rpc(`${demoSlug}/retail-support`, null),
      await keyFetch(null)(url(demoSlug)),
      await rpc(`${demoSlug}/retail-support`, "sk_live_not-a-real-key"),
    ]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/Bearer/);
    }
    await expect(a2aClient(url(`${demoSlug}/retail-support/.well-known/agent-card.json`), null)).rejects.toThrow(/401/);
    expect(await a2aCounts()).toEqual(before);
  });

  it("another workspace's key, or a key for another workspace's URL: 404, never data", async () => {
    const before = await a2aCounts();
    expect((await keyFetch(otherKey)(url(`${demoSlug}/retail-support/.well-known/agent-card.json`))).status).toBe(404);
    expect((await rpc(`${demoSlug}/retail-support`, otherKey)).status).toBe(404);
    expect((await keyFetch(otherKey)(url(demoSlug))).status).toBe(404);
    // The demo key cannot reach the other workspace's flow, even under its own workspace's slug.
    expect((await rpc(`${otherSlug}/other-tickets`, key)).status).toBe(404);
    expect((await rpc(`${demoSlug}/other-tickets`, key)).status).toBe(404);
    const body = await (await rpc(`${demoSlug}/other-tickets`, key)).json();
    expect(body).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32600, message: "No such agent in this workspace." },
    });
    expect(await a2aCounts()).toEqual(before);
  });

  it("an unpublished flow, or one whose start node does not take the API channel: 404", async () => {
    const before = await a2aCounts();
    for (const flow of ["draft-only", "web-only", "no-such-flow"]) {
      expect((await keyFetch(key)(url(`${demoSlug}/${flow}/.well-known/agent-card.json`))).status).toBe(404);
      expect((await rpc(`${demoSlug}/${flow}`, key)).status).toBe(404);
    }
    expect(await a2aCounts()).toEqual(before);
  });

  it("a task of another workspace is not found, and bad JSON-RPC is an error that changes nothing", async () => {
    const client = await a2aClient(url(`${demoSlug}/retail-support/.well-known/agent-card.json`), key);
    const otherClient = await a2aClient(url(`${otherSlug}/other-tickets/.well-known/agent-card.json`), otherKey);
    const task = await otherClient.sendMessage(send(userMessage("my parcel is damaged")));
    if (!("id" in task)) throw new Error("expected a task");
    const before = await a2aCounts();
    await expect(client.getTask({ tenant: "", id: task.id })).rejects.toThrow(/not found/i);
    await expect(client.cancelTask({ tenant: "", id: task.id, metadata: undefined })).rejects.toThrow(/not found/i);
    await expect(client.sendMessage(send(userMessage("hi", { taskId: task.id })))).rejects.toThrow(/not found/i);
    const post = (body: string) =>
      keyFetch(key)(url(`${demoSlug}/retail-support`), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
    expect(await (await post("{not json")).json()).toMatchObject({ error: { code: -32700 } });
    expect(
      await (await post(JSON.stringify({ jsonrpc: "2.0", id: 3, method: "NoSuchMethod", params: {} }))).json(),
    ).toMatchObject({ id: 3, error: { code: -32601 } });
    expect(await a2aCounts()).toEqual(before);
  });
});
