// The MCP server an API key sees: its workspace's published flows, read when the request arrives, one tool each.
// Built per request (stateless), so publishing, unpublishing and rollbacks show up on the next request everywhere.
import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ApiKeyPrincipal } from "@/lib/interfaces/api-keys/authenticate-api-key";
import { db } from "@/lib/platform/db/client";
import { toAppError } from "@/lib/model/errors";
import { runFlowTurn } from "@/lib/interfaces/published-flows/flow-turn";
import { listPublishedFlows } from "@/lib/interfaces/published-flows/published-flows";
import { flowToolSpecs, mcpServerInstructions } from "./flow-tools";
import { errorResult, flowToolInput, flowToolOutput, flowTurnResult } from "./tool-result";

export const MCP_SERVER_VERSION = "1.0.0";

export async function createFlowMcpServer(key: ApiKeyPrincipal): Promise<McpServer> {
  const [workspace, flows] = await Promise.all([
    db().workspace.findUniqueOrThrow({ where: { id: key.workspaceId }, select: { slug: true, name: true } }),
    listPublishedFlows(key.workspaceId),
  ]);
  const server = new McpServer(
    { name: "switchboard", title: `Switchboard · ${workspace.name}`, version: MCP_SERVER_VERSION },
    // Declared even with no flows, so a client sees an empty list rather than "tools not supported".
    { capabilities: { tools: {} }, instructions: mcpServerInstructions(workspace.name) },
  );

  for (const spec of flowToolSpecs(flows)) {
    server.registerTool(
      spec.name,
      {
        title: spec.title,
        description: spec.description,
        inputSchema: flowToolInput,
        outputSchema: flowToolOutput,
        // A flow may change things for the customer (refunds, tickets) but never deletes; each call is a new message.
        annotations: {
          title: spec.title,
          readOnlyHint: false,
          destructiveHint: false,
          idempotentHint: false,
          openWorldHint: true,
        },
      },
      async ({ message, conversationId, customer }) => {
        if (conversationId && customer) {
          return errorResult(
            "customer names the customer of a new conversation: omit it when you pass conversationId.",
          );
        }
        try {
          const turn = await runFlowTurn(key, "mcp", {
            flowSlug: spec.flowSlug,
            text: message,
            conversationId: conversationId ?? null,
            customerRef: customer ?? null,
          });
          return flowTurnResult(turn);
        } catch (error) {
          // The SDK would show error.message, which is for logs; callers get the user-facing message only.
          const appError = toAppError(error);
          if (appError.status >= 500) console.error("[mcp]", appError.message, appError.cause ?? "");
          return errorResult(appError.userMessage);
        }
      },
    );
  }
  return server;
}
