// POST to a flow's A2A endpoint: authorize, then hand the JSON-RPC request to the SDK's transport handler — the v1.0
// one (SendMessage, SendStreamingMessage, GetTask, CancelTask, SubscribeToTask, ListTasks) or the v0.3 one
// (message/send, message/stream, tasks/get, tasks/cancel, tasks/resubscribe), chosen by the method name, which the
// two versions never share. Streams go out as server-sent events, like the SDK's Express adapter sends them.
import "server-only";
import { Extensions, formatSSEErrorEvent, formatSSEEvent, SSE_HEADERS } from "@a2a-js/sdk";
import { isLegacyJsonRpcMethod } from "@a2a-js/sdk/compat/v0_3";
import { LegacyJsonRpcTransportHandler } from "@a2a-js/sdk/compat/v0_3/server";
import { A2A_ERROR_CODE } from "@a2a-js/sdk/errors";
import { JsonRpcTransportHandler, ServerCallContext, validateVersion } from "@a2a-js/sdk/server";
import type { RateLimitState } from "@/lib/interfaces/api-keys/rate-limit";
import { MAX_BODY_BYTES } from "@/lib/interfaces/api/limits";
import { findUnsafeText } from "@/lib/model/safe-text";
import { buildAgentCard, publicOriginFor } from "./agent-card";
import { authorizeFlow, authorizeWorkspace, rateLimitHeaders, refusal } from "./authorize-a2a";
import { ApiKeyUser, FlowRequestHandler } from "./flow-request-handler";

type RpcId = string | number | null;
type Envelope = { jsonrpc: string; id: RpcId; result?: unknown; error?: unknown };

function rpcError(
  id: RpcId,
  code: number,
  message: string,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { jsonrpc: "2.0", id, error: { code, message } },
    { status, headers: { "Cache-Control": "no-store", ...headers } },
  );
}

function isStream(value: unknown): value is AsyncGenerator<Envelope, void, undefined> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === "function";
}

function sse(
  first: Envelope | undefined,
  rest: AsyncIterator<Envelope>,
  id: RpcId,
  mapError: (e: unknown) => unknown,
  headers: Record<string, string>,
): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first) controller.enqueue(encoder.encode(formatSSEEvent(first)));
    },
    async pull(controller) {
      try {
        const next = await rest.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(formatSSEEvent(next.value)));
      } catch (error) {
        controller.enqueue(encoder.encode(formatSSEErrorEvent({ jsonrpc: "2.0", id, error: mapError(error) })));
        controller.close();
      }
    },
    async cancel() {
      await rest.return?.(undefined);
    },
  });
  return new Response(body, { headers: { ...SSE_HEADERS, ...headers } });
}

/** Protocol errors go out as the SDK maps them; an internal error's text (a database message) is logged, not sent. */
function safeError(mapped: { code: number; message: string }, error: unknown): { code: number; message: string } {
  if (mapped.code !== A2A_ERROR_CODE.INTERNAL_ERROR) return mapped;
  console.error("[a2a] JSON-RPC request failed", error);
  return { code: mapped.code, message: "Something went wrong on our side. It has been logged." };
}

type Body = { json: unknown } | { tooLarge: true } | { invalid: true } | { unsafe: string };

async function readBody(request: Request): Promise<Body> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return { tooLarge: true };
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return { tooLarge: true };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { invalid: true };
  }
  // Refused before the SDK sees it: a NUL or lone surrogate reached Postgres and came back as its error text.
  const unsafe = findUnsafeText(json);
  return unsafe ? { unsafe: `The request is not valid: ${unsafe.path} ${unsafe.problem}.` } : { json };
}

export async function jsonRpcResponse(
  request: Request,
  params: Promise<Record<string, string | string[] | undefined>>,
): Promise<Response> {
  let rateLimit: RateLimitState | null = null;
  let flowHandler: FlowRequestHandler;
  let caller: Awaited<ReturnType<typeof authorizeWorkspace>>;
  let card: ReturnType<typeof buildAgentCard>;
  try {
    const { workspaceSlug, flowSlug } = await params;
    caller = await authorizeWorkspace(
      request,
      typeof workspaceSlug === "string" ? workspaceSlug : "",
      (state) => (rateLimit = state),
    );
    const flow = await authorizeFlow(caller, typeof flowSlug === "string" ? flowSlug : "");
    card = buildAgentCard(flow, { origin: publicOriginFor(request), workspaceSlug: caller.workspaceSlug });
    flowHandler = new FlowRequestHandler(caller.key, flow, card);
  } catch (error) {
    const r = refusal(error, rateLimit);
    return rpcError(null, A2A_ERROR_CODE.INVALID_REQUEST, r.message, r.status, r.headers);
  }
  const headers = rateLimitHeaders(rateLimit);

  const body = await readBody(request);
  if ("tooLarge" in body)
    return rpcError(
      null,
      A2A_ERROR_CODE.INVALID_REQUEST,
      `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`,
      413,
      headers,
    );
  if ("unsafe" in body) return rpcError(null, A2A_ERROR_CODE.INVALID_REQUEST, body.unsafe, 400, headers);
  if ("invalid" in body)
    return rpcError(null, A2A_ERROR_CODE.PARSE_ERROR, "The request body is not valid JSON.", 200, headers);
  const rpc = (body.json && typeof body.json === "object" ? body.json : {}) as { id?: RpcId; method?: unknown };
  const id: RpcId = typeof rpc.id === "string" || typeof rpc.id === "number" ? rpc.id : null;

  const legacy = isLegacyJsonRpcMethod(rpc.method);
  const mapError = (error: unknown) =>
    safeError(
      legacy
        ? LegacyJsonRpcTransportHandler.mapToLegacyJSONRPCError(error)
        : JsonRpcTransportHandler.mapToJSONRPCError(error),
      error,
    );
  const requestedVersion = request.headers.get("a2a-version")?.trim() || (legacy ? "0.3" : "1.0");
  const extensionsHeader =
    request.headers.get(legacy ? "x-a2a-extensions" : "a2a-extensions") ??
    request.headers.get("a2a-extensions") ??
    undefined;
  const context = new ServerCallContext({
    user: new ApiKeyUser(caller.key),
    requestedVersion,
    requestedExtensions: Extensions.parseServiceParameter(extensionsHeader),
  });
  try {
    validateVersion(requestedVersion, card, "JSONRPC");
    const transport = legacy
      ? new LegacyJsonRpcTransportHandler(flowHandler)
      : new JsonRpcTransportHandler(flowHandler);
    const result = await transport.handle(body.json as Record<string, unknown>, context);
    if (!isStream(result)) return Response.json(result, { headers: { "Cache-Control": "no-store", ...headers } });
    // Errors before the first event (a refused message, an unknown task) are a plain JSON-RPC error, not a stream.
    let first: IteratorResult<Envelope, void>;
    try {
      first = await result.next();
    } catch (error) {
      return Response.json(
        { jsonrpc: "2.0", id, error: mapError(error) },
        { headers: { "Cache-Control": "no-store", ...headers } },
      );
    }
    return sse(first.done ? undefined : first.value, result, id, mapError, headers);
  } catch (error) {
    const mapped = mapError(error);
    return Response.json(
      { jsonrpc: "2.0", id, error: mapped },
      {
        status: mapped.code === A2A_ERROR_CODE.INTERNAL_ERROR ? 500 : 200,
        headers: { "Cache-Control": "no-store", ...headers },
      },
    );
  }
}
