// One blocking exchange with an external A2A agent through @a2a-js/sdk's client: fetch its card (with the node's
// headers), pick the transport the card advertises, send the text (continuing the remote context, and the task when
// the agent had asked a question), and read the answer. Every request — the card and the advertised endpoint —
// goes through the SSRF guard's fetch, so a card cannot point the engine at a private address. Failures come back
// classified: retriable (timeouts, network, 5xx, 429) or not (blocked hosts, refusals, malformed answers).
import { randomUUID } from "node:crypto";
import { A2A_PROTOCOL_VERSION, Role, type AgentCard, type Message, type Task } from "@a2a-js/sdk";
import {
  ClientFactory,
  ClientFactoryOptions,
  DefaultAgentCardResolver,
  JsonRpcTransportFactory,
  RestTransportFactory,
  type Client,
} from "@a2a-js/sdk/client";
import type { DnsLookup } from "@/lib/platform/net/dns-lookup";
import { createGuardedFetch } from "@/lib/platform/net/guarded-fetch";
import { HttpToolError, SsrfBlockedError } from "@/lib/platform/net/outbound-errors";
import { isTask, readAnswer, type RemoteAnswer } from "./answer";
import { scrubSecrets } from "./headers";

export type RemoteAgentCall = {
  cardUrl: string;
  text: string;
  headers?: Record<string, string>;
  /** Secret header values, scrubbed from any error text. */
  secrets?: string[];
  skill?: string;
  /** Continue this remote context (and task, when the agent was waiting for input). */
  contextId?: string | null;
  taskId?: string | null;
  /** Defaults to a fresh id; a stable one lets an agent that de-duplicates recognise a retried message. */
  messageId?: string;
  allowHosts?: readonly string[];
  timeoutMs: number;
  signal?: AbortSignal;
  lookup?: DnsLookup;
};

export type RemoteAgentOutcome =
  | { ok: true; answer: RemoteAnswer; agent: { name: string; endpoint: string | null }; durationMs: number }
  | {
      ok: false;
      error: string;
      retriable: boolean;
      phase: "card" | "call";
      endpoint: string | null;
      durationMs: number;
    };

const WELL_KNOWN_CARD = "/.well-known/agent-card.json";
const POLL_MS = [200, 400, 800, 1000];

/** A bare origin means the agent's well-known card. */
export function agentCardUrl(input: string): string {
  const url = new URL(input.trim());
  if (url.pathname === "" || url.pathname === "/") url.pathname = WELL_KNOWN_CARD;
  return url.href;
}

export async function callRemoteAgent(call: RemoteAgentCall): Promise<RemoteAgentOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeout = AbortSignal.timeout(call.timeoutMs);
  const signal = call.signal ? AbortSignal.any([timeout, call.signal]) : timeout;
  const fetchImpl = guardedFetch(call, signal);
  let phase: "card" | "call" = "card";
  let endpoint: string | null = null;
  try {
    const resolver = new DefaultAgentCardResolver({ fetchImpl, legacyCompat: { enabled: true } });
    const card = await resolver.resolve(agentCardUrl(call.cardUrl), "");
    endpoint = advertisedEndpoint(card);
    const factory = new ClientFactory(
      ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
        transports: [
          new JsonRpcTransportFactory({ fetchImpl, legacyCompat: { enabled: true } }),
          new RestTransportFactory({ fetchImpl, legacyCompat: { enabled: true } }),
        ],
        cardResolver: resolver,
      }),
    );
    const client = await factory.createFromAgentCard(card);
    phase = "call";
    const sent = await client.sendMessage(
      {
        tenant: "",
        message: outgoingMessage(call),
        configuration: {
          acceptedOutputModes: ["text/plain", "application/json"],
          taskPushNotificationConfig: undefined,
          returnImmediately: false,
        },
        metadata: call.skill ? { skill: call.skill } : undefined,
      },
      { signal },
    );
    const result = await untilSettled(client, sent, signal);
    return { ok: true, answer: readAnswer(result), agent: { name: card.name, endpoint }, durationMs: elapsed() };
  } catch (error) {
    const failure = classifyRemoteError(error, {
      timedOut: timeout.aborted,
      cancelled: call.signal?.aborted ?? false,
      timeoutMs: call.timeoutMs,
    });
    const where = phase === "card" ? "agent card" : endpoint ? `agent endpoint ${endpoint}` : "agent";
    return {
      ok: false,
      error: scrubSecrets(`${where}: ${failure.message}`, call.secrets ?? []),
      retriable: failure.retriable,
      phase,
      endpoint,
      durationMs: elapsed(),
    };
  }
}

function outgoingMessage(call: RemoteAgentCall): Message {
  return {
    messageId: call.messageId ?? randomUUID(),
    contextId: call.contextId ?? "",
    taskId: call.taskId ?? "",
    role: Role.ROLE_USER,
    parts: [
      { content: { $case: "text", value: call.text }, metadata: undefined, filename: "", mediaType: "text/plain" },
    ],
    metadata: call.skill ? { skill: call.skill } : undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

/** Some agents answer a blocking send with a task still working: ask again until it settles or time runs out. */
async function untilSettled(client: Client, result: Message | Task, signal: AbortSignal): Promise<Message | Task> {
  let current = result;
  for (let attempt = 0; isTask(current) && readAnswer(current).state === "working"; attempt++) {
    await pause(POLL_MS[Math.min(attempt, POLL_MS.length - 1)], signal);
    current = await client.getTask({ tenant: "", id: current.id }, { signal });
  }
  return current;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function advertisedEndpoint(card: AgentCard): string | null {
  const preferred =
    card.supportedInterfaces.find((i) => i.protocolVersion === A2A_PROTOCOL_VERSION) ?? card.supportedInterfaces[0];
  return preferred?.url ?? null;
}

/** The SSRF guard's fetch with the node's headers and one deadline on every request (the card resolver sets none). */
function guardedFetch(call: RemoteAgentCall, signal: AbortSignal): typeof fetch {
  const guarded = createGuardedFetch({ allowHosts: call.allowHosts, lookup: call.lookup });
  const wrapped = async (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(call.headers ?? {});
    new Headers(init.headers).forEach((value, name) => headers.set(name, value));
    const url = input instanceof Request ? input.url : input;
    return guarded(url, { ...init, headers, signal: init.signal ? AbortSignal.any([init.signal, signal]) : signal });
  };
  return wrapped as typeof fetch;
}

/** The SDK's HTTP failure texts: "… Status: 503 …" (JSON-RPC) and "Failed to fetch Agent Card from <url>: 503". */
const RETRIABLE_STATUS = /(?:Status: |Agent Card from \S+: )(408|425|429|5\d\d)\b/;

export function classifyRemoteError(
  error: unknown,
  context: { timedOut: boolean; cancelled: boolean; timeoutMs: number },
): { message: string; retriable: boolean } {
  if (context.timedOut) return { message: `no answer within ${context.timeoutMs} ms`, retriable: true };
  if (context.cancelled) return { message: "the call was cancelled", retriable: false };
  if (error instanceof SsrfBlockedError) return { message: error.message, retriable: false };
  if (error instanceof HttpToolError) return { message: error.message, retriable: error.retriable };
  const message = error instanceof Error ? error.message : String(error);
  const short = message.length > 300 ? `${message.slice(0, 299)}…` : message;
  // The SDK reports HTTP failures as text with the status; JSON-RPC errors (refusals, bad params) are the agent's answer.
  if (RETRIABLE_STATUS.test(message)) return { message: short, retriable: true };
  if (error instanceof TypeError) return { message: `network error: ${short}`, retriable: true };
  return { message: short, retriable: false };
}
