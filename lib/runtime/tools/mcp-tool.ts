// MCP tools: a tool node with source "mcp" calls a tool on a Model Context Protocol server.
//
// `mcp.server` is a string:
//   - `https://…` / `http://…`   Streamable HTTP transport. The URL is checked with the SSRF guard (assertPublicUrl
//                                with the allowlist) before connecting, and every HTTP request the transport makes
//                                goes through a guarded, DNS-pinned fetch (redirects re-vetted).
//   - `stdio:<command> <args…>`  stdio transport: spawns a process ON THE SERVER (no shell; args split on spaces,
//                                "double" or 'single' quotes group). Only allowed when <command> is listed, exactly
//                                as written, in env SWITCHBOARD_MCP_STDIO_ALLOWLIST (comma-separated, e.g.
//                                "node,uvx,/opt/mcp/bin/orders-server"). The child gets the SDK's minimal default
//                                environment (PATH, HOME…), not Switchboard's secrets such as DATABASE_URL.
// Connected clients are pooled per server string (and allowlist) and closed after an idle period.
import {
  acquire,
  closeEntry,
  DEFAULT_TIMEOUT_MS,
  release,
  type McpClientOptions,
  type PoolEntry,
} from "./mcp-client-pool";
import { breaksConnection, McpToolError, toMcpError } from "./mcp-tool-error";

export type McpToolInfo = {
  name: string;
  description: string;
  /** JSON Schema of the arguments (an object schema). */
  inputSchema: Record<string, unknown>;
  title?: string;
  outputSchema?: Record<string, unknown>;
};

export type McpCallOutcome =
  | { ok: true; result: unknown; isError: boolean; durationMs: number }
  | { ok: false; error: string; retriable: boolean; durationMs: number };

export type CallMcpToolOptions = McpClientOptions & { server: string; tool: string; input: Record<string, unknown> };

/** The tools a server offers. Throws McpToolError / SsrfBlockedError. */
export async function listMcpTools(server: string, options: McpClientOptions = {}): Promise<McpToolInfo[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const entry = await acquire(server, options);
  try {
    const client = await entry.connecting;
    const tools: McpToolInfo[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const result = await client.listTools(cursor ? { cursor } : undefined, {
        timeout: timeoutMs,
        signal: options.signal,
      });
      for (const tool of result.tools) {
        tools.push({
          name: tool.name,
          description: tool.description ?? "",
          inputSchema: tool.inputSchema as Record<string, unknown>,
          ...(tool.title ? { title: tool.title } : {}),
          ...(tool.outputSchema ? { outputSchema: tool.outputSchema as Record<string, unknown> } : {}),
        });
      }
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return tools;
  } catch (error) {
    if (breaksConnection(error)) void closeEntry(entry);
    if (options.signal?.aborted) throw new McpToolError("ABORTED", "the call was cancelled", { retriable: false });
    throw toMcpError(error, timeoutMs, "call", entry.stderrTail);
  } finally {
    release(entry);
  }
}

function parseText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

type ContentItem = { type: string; text?: string; [key: string]: unknown };

/** structuredContent when the tool returns it; otherwise the text content (JSON parsed when it is JSON). */
export function extractMcpResult(result: {
  structuredContent?: unknown;
  content?: unknown;
  toolResult?: unknown;
}): unknown {
  if (result.structuredContent !== undefined && result.structuredContent !== null) return result.structuredContent;
  if (!Array.isArray(result.content)) return result.toolResult ?? null;
  const content = result.content as ContentItem[];
  if (content.length === 0) return null;
  const values = content.map((item) =>
    item.type === "text" && typeof item.text === "string" ? parseText(item.text) : item,
  );
  return values.length === 1 ? values[0] : values;
}

/**
 * Calls one tool. Never throws: failures come back as { ok: false, error, retriable }. A tool that reports its
 * own error (`isError: true`) is a successful call with `isError: true`.
 */
export async function callMcpTool(options: CallMcpToolOptions): Promise<McpCallOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let entry: PoolEntry | undefined;
  try {
    if (!options.tool.trim()) throw new McpToolError("CONFIG", "no MCP tool is configured");
    entry = await acquire(options.server, options);
    const client = await entry.connecting;
    const result = await client.callTool({ name: options.tool, arguments: options.input }, undefined, {
      timeout: timeoutMs,
      maxTotalTimeout: timeoutMs,
      signal: options.signal,
    });
    return { ok: true, result: extractMcpResult(result), isError: result.isError === true, durationMs: elapsed() };
  } catch (error) {
    if (entry && breaksConnection(error)) void closeEntry(entry);
    if (options.signal?.aborted)
      return { ok: false, error: "the call was cancelled", retriable: false, durationMs: elapsed() };
    const mapped = toMcpError(error, timeoutMs, "call", entry?.stderrTail);
    return { ok: false, error: mapped.message, retriable: mapped.retriable, durationMs: elapsed() };
  } finally {
    if (entry) release(entry);
  }
}
