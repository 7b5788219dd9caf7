// Serves the A2A route handlers on a real port and builds the SDK's own client against them, with a workspace key.
import { randomUUID } from "node:crypto";
import { Role, type Message, type SendMessageRequest } from "@a2a-js/sdk";
import { ClientFactory, ClientFactoryOptions, DefaultAgentCardResolver, JsonRpcTransportFactory, type Client } from "@a2a-js/sdk/client";
import { GET as directory } from "@/app/api/a2a/[workspaceSlug]/route";
import { GET as card } from "@/app/api/a2a/[workspaceSlug]/[flowSlug]/.well-known/agent-card.json/route";
import { POST as rpc } from "@/app/api/a2a/[workspaceSlug]/[flowSlug]/route";
import { db } from "@/lib/db/client";
import { startRouteServer } from "../../support/route-server";

export function startA2aServer() {
  return startRouteServer([
    { pattern: "/api/a2a/:workspaceSlug", handlers: { GET: directory } },
    { pattern: "/api/a2a/:workspaceSlug/:flowSlug", handlers: { POST: rpc } },
    { pattern: "/api/a2a/:workspaceSlug/:flowSlug/.well-known/agent-card.json", handlers: { GET: card } },
  ]);
}

export function keyFetch(key: string | null): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    if (key) headers.set("authorization", `Bearer ${key}`);
    return fetch(input, { ...init, headers });
  };
}

/** The SDK's client for a flow's card URL (the full URL, hence the empty path). */
export async function a2aClient(cardUrl: string, key: string | null): Promise<Client> {
  const fetchImpl = keyFetch(key);
  const resolver = new DefaultAgentCardResolver({ fetchImpl });
  const factory = new ClientFactory(
    ClientFactoryOptions.createFrom(ClientFactoryOptions.default, { transports: [new JsonRpcTransportFactory({ fetchImpl })], cardResolver: resolver }),
  );
  return factory.createFromUrl(cardUrl, "");
}

export function userMessage(text: string, ids: { contextId?: string; taskId?: string } = {}): Message {
  return {
    messageId: randomUUID(),
    contextId: ids.contextId ?? "",
    taskId: ids.taskId ?? "",
    role: Role.ROLE_USER,
    parts: [{ content: { $case: "text", value: text }, mediaType: "text/plain", filename: "", metadata: undefined }],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

export const send = (message: Message): SendMessageRequest => ({ tenant: "", message, configuration: undefined, metadata: undefined });

export const textsOf = (message: Message | undefined) =>
  (message?.parts ?? []).flatMap((p) => (p.content?.$case === "text" ? [p.content.value] : []));

/** Rows a refused request must leave as they were. */
export async function a2aCounts() {
  const [tasks, conversations, messages, audit] = await Promise.all([db().a2aTask.count(), db().conversation.count(), db().message.count(), db().auditLog.count()]);
  return { tasks, conversations, messages, audit };
}
