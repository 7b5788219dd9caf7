// The MCP endpoint: the public API's wrapper (API key, rate limit, JSON errors) around a fresh server and stateless
// Streamable HTTP transport for this one request. No session lives in memory, so any instance can answer any request
// and nothing needs sweeping.
import "server-only";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { handleApiRequest, MAX_BODY_BYTES, readJson, type ApiResult } from "@/lib/interfaces/api/handle-api-request";
import { createFlowMcpServer } from "./create-flow-mcp-server";

const emptyBody = () => new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });

export const handleMcpRequest = handleApiRequest({
  handler: async ({ key, request }): Promise<ApiResult<unknown>> => {
    if (request.method !== "POST") {
      // Stateless: no server-initiated stream (GET), no session to end (DELETE). The spec's answer to both is 405,
      // which the SDK's client expects.
      return {
        status: 405,
        headers: { Allow: "POST" },
        body: {
          jsonrpc: "2.0",
          error: {
            code: -32000,
            message: "Method not allowed: this MCP server is stateless; send requests with POST.",
          },
          id: null,
        },
      };
    }
    // Read here rather than by the transport so a body with NUL or unpaired surrogates is the API's 400, like REST.
    const parsedBody = await readJson(request);
    const server = await createFlowMcpServer(key);
    // JSON responses rather than SSE: each POST resolves once its results are ready, so the server can close here.
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      maxRequestBodySize: MAX_BODY_BYTES,
    });
    try {
      await server.connect(transport);
      const response = await transport.handleRequest(request, { parsedBody });
      return {
        status: response.status,
        headers: { ...Object.fromEntries(response.headers), "Cache-Control": "no-store" },
        body: null,
        stream: response.body ?? emptyBody(),
      };
    } finally {
      await server.close();
    }
  },
});
