// The A2A SDK's client as another agent uses it against Switchboard (or any A2A agent): a workspace key on every request,
// text messages in and out. Shared by the A2A integration tests and bench/integrations.ts.
import { randomUUID } from "node:crypto";
import { Role, type Message, type SendMessageRequest } from "@a2a-js/sdk";
import {
  ClientFactory,
  ClientFactoryOptions,
  DefaultAgentCardResolver,
  JsonRpcTransportFactory,
  type Client,
} from "@a2a-js/sdk/client";

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
    ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
      transports: [new JsonRpcTransportFactory({ fetchImpl })],
      cardResolver: resolver,
    }),
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

export const send = (message: Message): SendMessageRequest => ({
  tenant: "",
  message,
  configuration: undefined,
  metadata: undefined,
});

export const textsOf = (message: Message | undefined) =>
  (message?.parts ?? []).flatMap((p) => (p.content?.$case === "text" ? [p.content.value] : []));
