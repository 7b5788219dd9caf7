// The `mcp.server` string of an MCP tool node, parsed: an http(s) URL or `stdio:<command> <args…>` (split without a
// shell), and the allowlist (env SWITCHBOARD_MCP_STDIO_ALLOWLIST) a stdio command must be on.
import { McpToolError } from "./mcp-tool-error";
import { processEnv } from "@/lib/platform/config";

export type McpServerSpec = { kind: "http"; url: URL } | { kind: "stdio"; command: string; args: string[] };

/** Splits on whitespace; "double" and 'single' quotes group (also inside a word: --flag='a b'). No escapes, no shell. */
function splitArgs(text: string): string[] {
  const args: string[] = [];
  let current = "";
  let inWord = false;
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) args.push(current);
      current = "";
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) throw new McpToolError("CONFIG", "stdio: a quote is not closed");
  if (inWord) args.push(current);
  return args;
}

/** Parses `mcp.server`; throws McpToolError("CONFIG"). */
export function parseMcpServer(server: string): McpServerSpec {
  const text = server.trim();
  if (!text) throw new McpToolError("CONFIG", "no MCP server is configured");
  if (/^stdio:/i.test(text)) {
    const [command, ...args] = splitArgs(text.slice("stdio:".length));
    if (!command) throw new McpToolError("CONFIG", "stdio: needs a command, e.g. stdio:npx -y @acme/orders-mcp");
    return { kind: "stdio", command, args };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new McpToolError("CONFIG", `"${text.slice(0, 100)}" is neither an http(s) URL nor stdio:<command>`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new McpToolError("CONFIG", `MCP server URLs must be http(s), not ${url.protocol}`);
  }
  return { kind: "http", url };
}

/** Commands allowed for stdio MCP servers, from SWITCHBOARD_MCP_STDIO_ALLOWLIST. */
export function stdioAllowlistFromEnv(env: Record<string, string | undefined> = processEnv()): string[] {
  return (env.SWITCHBOARD_MCP_STDIO_ALLOWLIST ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function assertStdioAllowed(
  spec: Extract<McpServerSpec, { kind: "stdio" }>,
  allowlist: readonly string[] | undefined,
) {
  const allowed = allowlist ?? stdioAllowlistFromEnv();
  if (!allowed.includes(spec.command)) {
    throw new McpToolError(
      "NOT_ALLOWED",
      `stdio MCP server "${spec.command}" is not allowed: stdio servers run a process on the Switchboard server, so the command must be listed in SWITCHBOARD_MCP_STDIO_ALLOWLIST`,
      { retriable: false },
    );
  }
}
