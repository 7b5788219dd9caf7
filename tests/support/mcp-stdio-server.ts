// The test MCP server over stdio: `node --import tsx tests/support/mcp-stdio-server.ts`.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createMcpTestServer } from "./mcp-test-server";

await createMcpTestServer().connect(new StdioServerTransport());
