import { handleMcpRequest } from "@/lib/interfaces/mcp-server/handle-mcp-request";

export const dynamic = "force-dynamic";

// The workspace's published flows as an MCP server (Streamable HTTP, stateless; `Authorization: Bearer <API key>`).
// POST carries every JSON-RPC message; GET and DELETE answer 405 (no server-initiated stream, no sessions).
export const POST = handleMcpRequest;
export const GET = handleMcpRequest;
export const DELETE = handleMcpRequest;
