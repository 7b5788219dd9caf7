// A local OpenAI-compatible HTTP server for tests: the real `openai` client talks to it over HTTP, so the code path
// under test is the production one. Each test scripts the answers (a queue, first in first out) and then reads what
// was asked (model, messages, tools, response_format, headers).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ScriptedUsage = { prompt_tokens: number; completion_tokens: number };

type Common = {
  /** Wait this long before answering (before any header is sent): for timeouts. */
  delayMs?: number;
  /** Streaming only: wait this long between chunks. */
  chunkDelayMs?: number;
  /** Streaming only: go silent for `ms` after sending chunk number `afterChunk` (0 = the role chunk). */
  stall?: { afterChunk: number; ms: number };
  usage?: ScriptedUsage;
  /** The `model` field of the answer; defaults to the requested model. */
  model?: string;
};

export type ScriptedResponse =
  | ({ type: "text"; text: string; finishReason?: string } & Common)
  | ({
      type: "tool_calls";
      /** `arguments` as an object is JSON-encoded; as a string it is sent verbatim (e.g. malformed JSON). */
      calls: { id?: string; name: string; arguments: string | Record<string, unknown> }[];
      text?: string;
    } & Common)
  | ({ type: "error"; status: number; message?: string; headers?: Record<string, string> } & Common)
  /** Answers with a JSON body of your own. */
  | ({ type: "raw"; status?: number; body: unknown } & Common);

export type RecordedRequest = {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: any;
};

export type OpenAITestServer = {
  /** Base URL to give the client, ending in /v1. */
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  /** Chat-completion requests only. */
  chatRequests(): RecordedRequest[];
  enqueue(...responses: ScriptedResponse[]): void;
  /** Scripted answers not used yet. */
  pending(): number;
  /** What GET /v1/models lists (or an error status for it). */
  setModels(models: string[] | { status: number; message?: string }): void;
  reset(): void;
  close(): Promise<void>;
};

const DEFAULT_USAGE: ScriptedUsage = { prompt_tokens: 12, completion_tokens: 5 };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function wait(ms: number | undefined, res: ServerResponse): Promise<boolean> {
  if (!ms) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(!res.destroyed), ms);
    res.once("close", () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

function toolCallsOf(response: Extract<ScriptedResponse, { type: "tool_calls" }>) {
  return response.calls.map((call, index) => ({
    id: call.id ?? `call_${index + 1}`,
    type: "function" as const,
    function: {
      name: call.name,
      arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
}

/** Text in a few pieces, as a real stream would deliver it. */
function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

export async function startOpenAITestServer(): Promise<OpenAITestServer> {
  const queue: ScriptedResponse[] = [];
  const requests: RecordedRequest[] = [];
  let models: string[] | { status: number; message?: string } = ["gpt-4o-mini", "gpt-4o", "test-model"];
  let counter = 0;

  async function chat(req: IncomingMessage, res: ServerResponse, body: RecordedRequest["body"]) {
    const scripted: ScriptedResponse = queue.shift() ?? { type: "text", text: "(no scripted response)" };
    if (!(await wait(scripted.delayMs, res))) return;
    const model = scripted.model ?? body?.model ?? "unknown";
    const usage = scripted.usage ?? DEFAULT_USAGE;
    const id = `chatcmpl-test-${++counter}`;
    const created = Math.floor(Date.now() / 1000);

    if (scripted.type === "error") {
      const type =
        scripted.status === 429
          ? "rate_limit_error"
          : scripted.status >= 500
            ? "server_error"
            : "invalid_request_error";
      sendJson(
        res,
        scripted.status,
        { error: { message: scripted.message ?? `scripted ${scripted.status}`, type, code: null, param: null } },
        scripted.headers,
      );
      return;
    }
    if (scripted.type === "raw") {
      sendJson(res, scripted.status ?? 200, scripted.body);
      return;
    }

    const text = scripted.type === "text" ? scripted.text : (scripted.text ?? "");
    const toolCalls = scripted.type === "tool_calls" ? toolCallsOf(scripted) : [];
    const finishReason = scripted.type === "text" ? (scripted.finishReason ?? "stop") : "tool_calls";

    if (!body?.stream) {
      sendJson(res, 200, {
        id,
        object: "chat.completion",
        created,
        model,
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: toolCalls.length && !text ? null : text,
              refusal: null,
              ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
            },
            logprobs: null,
            finish_reason: finishReason,
          },
        ],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      });
      return;
    }

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices,
      ...extra,
    });
    const events: unknown[] = [chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }])];
    for (const piece of pieces(text))
      events.push(chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]));
    toolCalls.forEach((call, index) => {
      events.push(
        chunk([
          {
            index: 0,
            delta: {
              tool_calls: [
                { index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } },
              ],
            },
            finish_reason: null,
          },
        ]),
      );
      const args = call.function.arguments;
      const half = Math.ceil(args.length / 2);
      for (const part of [args.slice(0, half), args.slice(half)].filter(Boolean)) {
        events.push(
          chunk([{ index: 0, delta: { tool_calls: [{ index, function: { arguments: part } }] }, finish_reason: null }]),
        );
      }
    });
    events.push(chunk([{ index: 0, delta: {}, finish_reason: finishReason }]));
    if (body?.stream_options?.include_usage) {
      events.push(chunk([], { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }));
    }
    for (const [index, event] of events.entries()) {
      if (res.destroyed) return;
      res.write(`data: ${JSON.stringify(event)}\n\n`);
      if (scripted.chunkDelayMs && !(await wait(scripted.chunkDelayMs, res))) return;
      if (scripted.stall?.afterChunk === index && !(await wait(scripted.stall.ms, res))) return;
    }
    res.write("data: [DONE]\n\n");
    res.end();
  }

  const server = createServer(async (req, res) => {
    try {
      const raw = await readBody(req);
      let body: RecordedRequest["body"] = null;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          body = raw;
        }
      }
      const path = (req.url ?? "/").split("?")[0];
      requests.push({ method: req.method ?? "GET", path, headers: req.headers, body });
      if (req.method === "POST" && path === "/v1/chat/completions") return await chat(req, res, body);
      if (req.method === "GET" && path === "/v1/models") {
        if (!Array.isArray(models)) {
          return sendJson(res, models.status, {
            error: { message: models.message ?? `scripted ${models.status}`, type: "error" },
          });
        }
        return sendJson(res, 200, {
          object: "list",
          data: models.map((m) => ({ id: m, object: "model", created: 0, owned_by: "test" })),
        });
      }
      sendJson(res, 404, { error: { message: `No route ${req.method} ${path}`, type: "invalid_request_error" } });
    } catch (error) {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: "server_error" } });
      else res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  // Provider calls go through the SSRF guard: allow exactly this server (host and port), as a developer would a
  // local model server, so tests can still check that other loopback ports are refused.
  const allowed = process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST;
  process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST = [allowed, `127.0.0.1:${port}`].filter(Boolean).join(",");

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    chatRequests: () => requests.filter((r) => r.path === "/v1/chat/completions"),
    enqueue: (...responses) => queue.push(...responses),
    pending: () => queue.length,
    setModels: (value) => (models = value),
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
