// A real A2A agent for tests, built from @a2a-js/sdk's server pieces (DefaultRequestHandler, JsonRpcTransportHandler,
// InMemoryTaskStore) behind node:http — no express. Its executor answers deterministically:
// - "quote …"       : a shipping quote; without a destination ("to <City>") it asks for one (input-required) and
//                     completes the same task with the follow-up, e.g. "Berlin".
// - "fail …"        : the task fails.
// - "slow …"        : answers the blocking send with the task still working, and completes it a moment later
//                     (a client has to poll GetTask).
// - anything else   : a direct message echoing what it heard and how many messages this context has seen.
// Every request is recorded (text, context, task, headers) so tests can assert what the engine sent.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Role, TaskState, type AgentCard, type Message, type Task } from "@a2a-js/sdk";
import {
  AgentEvent,
  DefaultRequestHandler,
  defaultServerCallContextBuilder,
  InMemoryTaskStore,
  JsonRpcTransportHandler,
  UnauthenticatedUser,
  type AgentExecutor,
  type ExecutionEventBus,
  type RequestContext,
} from "@a2a-js/sdk/server";

/** `taskId` is set when the message continued an existing task (the server assigns new tasks their id itself). */
export type ReceivedA2aMessage = {
  text: string;
  contextId: string;
  taskId: string | null;
  metadata: Record<string, unknown> | undefined;
  authorization: string | undefined;
};

export type A2aTestAgent = {
  url: string;
  cardUrl: string;
  port: number;
  received: ReceivedA2aMessage[];
  /** Every HTTP request (card fetches and JSON-RPC calls), with its path. */
  requests: { method: string; path: string; authorization: string | undefined }[];
  reset(): void;
  close(): Promise<void>;
};

export type A2aTestAgentOptions = {
  /** When set, every request must carry `Authorization: Bearer <token>` (401 otherwise). */
  token?: string;
  /** Advertise this endpoint in the card instead of the agent's own (to test the endpoint's SSRF check). */
  advertiseEndpoint?: string;
};

const textOf = (message: Message | undefined) =>
  (message?.parts ?? [])
    .map((part) => (part.content?.$case === "text" ? part.content.value : ""))
    .join(" ")
    .trim();

function agentMessage(text: string, contextId: string, taskId = ""): Message {
  return {
    messageId: crypto.randomUUID(),
    contextId,
    taskId,
    role: Role.ROLE_AGENT,
    parts: [{ content: { $case: "text", value: text }, metadata: undefined, filename: "", mediaType: "text/plain" }],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

class ShippingExecutor implements AgentExecutor {
  private readonly contextTurns = new Map<string, number>();
  constructor(
    private readonly received: ReceivedA2aMessage[],
    private readonly store: InMemoryTaskStore,
  ) {}

  async execute(request: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const user = request.userMessage;
    const text = textOf(user);
    const headers = request.context.state.get("headers") as Record<string, string | string[] | undefined> | undefined;
    this.received.push({
      text,
      contextId: request.contextId,
      taskId: request.task?.id ?? null,
      metadata: user.metadata,
      authorization: headers?.authorization as string | undefined,
    });
    const turns = (this.contextTurns.get(request.contextId) ?? 0) + 1;
    this.contextTurns.set(request.contextId, turns);

    const opening = request.task ? textOf(request.task.history.find((m) => m.role === Role.ROLE_USER)) : text;
    const status = (state: TaskState, reply: string) =>
      bus.publish(
        AgentEvent.statusUpdate({
          taskId: request.taskId,
          contextId: request.contextId,
          status: {
            state,
            message: agentMessage(reply, request.contextId, request.taskId),
            timestamp: new Date().toISOString(),
          },
          metadata: undefined,
        }),
      );
    const startTask = () => {
      if (request.task) return;
      const task: Task = {
        id: request.taskId,
        contextId: request.contextId,
        status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: new Date().toISOString() },
        artifacts: [],
        history: [user],
        metadata: undefined,
      };
      bus.publish(AgentEvent.task(task));
    };

    if (/^quote\b/i.test(opening)) {
      startTask();
      const destination = (request.task ? text : /\bto\s+([A-Z][A-Za-z-]+)/.exec(text)?.[1]) ?? null;
      if (!destination) status(TaskState.TASK_STATE_INPUT_REQUIRED, "Where should we ship it?");
      else status(TaskState.TASK_STATE_COMPLETED, `Shipping to ${destination.trim()} costs $12 and takes 3 days.`);
    } else if (/^slow\b/i.test(text)) {
      startTask();
      status(TaskState.TASK_STATE_WORKING, "On it.");
      const done: Task = {
        id: request.taskId,
        contextId: request.contextId,
        status: {
          state: TaskState.TASK_STATE_COMPLETED,
          message: agentMessage(`Done slowly: ${text.replace(/^slow\s*/i, "")}`, request.contextId, request.taskId),
          timestamp: new Date().toISOString(),
        },
        artifacts: [],
        history: [user],
        metadata: undefined,
      };
      setTimeout(() => void this.store.save(done, request.context), 300);
    } else if (/^fail\b/i.test(text)) {
      startTask();
      status(TaskState.TASK_STATE_FAILED, "The carrier system is down.");
    } else {
      bus.publish(
        AgentEvent.message(agentMessage(`Remote heard: ${text} (message ${turns} in this context)`, request.contextId)),
      );
    }
    bus.finished();
  }

  async cancelTask(): Promise<void> {}
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startA2aTestAgent(options: A2aTestAgentOptions = {}): Promise<A2aTestAgent> {
  const received: ReceivedA2aMessage[] = [];
  const requests: A2aTestAgent["requests"] = [];
  // The card names the agent's own port, so the handler is built once the server listens (before any request).
  let card: AgentCard | null = null;
  let transport: JsonRpcTransportHandler | null = null;

  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    requests.push({ method: req.method ?? "GET", path, authorization: req.headers.authorization });
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: "unauthorised" }));
      return;
    }
    if (req.method === "GET" && (path === "/.well-known/agent-card.json" || path === "/card.json")) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(card));
      return;
    }
    if (req.method === "POST" && path === "/a2a/jsonrpc") {
      const body = await readBody(req);
      const context = defaultServerCallContextBuilder({
        extensions: undefined,
        user: new UnauthenticatedUser(),
        headers: req.headers,
        requestedVersion: (req.headers["a2a-version"] as string | undefined) ?? undefined,
      });
      const result = await transport!.handle(body, context);
      if (result && typeof (result as AsyncGenerator)[Symbol.asyncIterator] === "function") {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        for await (const event of result as AsyncGenerator) res.write(`data: ${JSON.stringify(event)}\n\n`);
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  card = {
    name: "Shipping desk",
    description: "Quotes shipping costs and answers delivery questions.",
    supportedInterfaces: [
      {
        url: options.advertiseEndpoint ?? `${url}/a2a/jsonrpc`,
        protocolBinding: "JSONRPC",
        tenant: "",
        protocolVersion: "1.0",
      },
    ],
    provider: undefined,
    version: "1.0.0",
    capabilities: { streaming: false, pushNotifications: false, extensions: [] },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: ["text/plain"],
    defaultOutputModes: ["text/plain"],
    skills: [
      {
        id: "shipping-quote",
        name: "Shipping quote",
        description: "Quotes a shipping price to a city.",
        tags: ["shipping"],
        examples: ["quote a parcel to Berlin"],
        inputModes: [],
        outputModes: [],
        securityRequirements: [],
      },
    ],
    signatures: [],
  };
  const store = new InMemoryTaskStore();
  transport = new JsonRpcTransportHandler(
    new DefaultRequestHandler(card, store, new ShippingExecutor(received, store)),
  );
  return {
    url,
    cardUrl: `${url}/.well-known/agent-card.json`,
    port,
    received,
    requests,
    reset() {
      received.length = 0;
      requests.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
