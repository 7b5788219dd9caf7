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
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { AppError } from "@/lib/model/errors";
import {
  HttpToolError,
  SsrfBlockedError,
  assertPublicUrl,
  createGuardedFetch,
  type DnsLookup,
} from "@/lib/platform/net/ssrf-guard";

// ---------------------------------------------------------------------------------------------------------------
// Types and errors

export type McpServerSpec = { kind: "http"; url: URL } | { kind: "stdio"; command: string; args: string[] };

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

export type McpClientOptions = {
  /** Hosts allowed despite being private (development), as for HTTP tools. */
  allowHosts?: readonly string[];
  /** Commands allowed for stdio servers; default: env SWITCHBOARD_MCP_STDIO_ALLOWLIST. */
  stdioAllowlist?: readonly string[];
  /** Per request (connect, list, call). Default 10 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** DNS resolver override (tests). */
  lookup?: DnsLookup;
};

export type CallMcpToolOptions = McpClientOptions & { server: string; tool: string; input: Record<string, unknown> };

export type McpToolErrorKind = "CONFIG" | "NOT_ALLOWED" | "CONNECT" | "TIMEOUT" | "ABORTED" | "PROTOCOL";

export class McpToolError extends AppError {
  readonly kind: McpToolErrorKind;
  readonly retriable: boolean;
  constructor(kind: McpToolErrorKind, message: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super(kind === "CONFIG" || kind === "NOT_ALLOWED" ? "BAD_REQUEST" : "INTERNAL", {
      message,
      userMessage: message,
      cause: options.cause,
    });
    this.name = "McpToolError";
    this.kind = kind;
    this.retriable = options.retriable ?? (kind === "CONNECT" || kind === "TIMEOUT");
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------------------------
// Server strings

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
export function stdioAllowlistFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  return (env.SWITCHBOARD_MCP_STDIO_ALLOWLIST ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function assertStdioAllowed(spec: Extract<McpServerSpec, { kind: "stdio" }>, allowlist: readonly string[] | undefined) {
  const allowed = allowlist ?? stdioAllowlistFromEnv();
  if (!allowed.includes(spec.command)) {
    throw new McpToolError(
      "NOT_ALLOWED",
      `stdio MCP server "${spec.command}" is not allowed: stdio servers run a process on the Switchboard server, so the command must be listed in SWITCHBOARD_MCP_STDIO_ALLOWLIST`,
      { retriable: false },
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Client pool

type PoolEntry = {
  key: string;
  connecting: Promise<Client>;
  client?: Client;
  inFlight: number;
  idleTimer?: NodeJS.Timeout;
  closed: boolean;
  stderrTail: string;
};

const pool = new Map<string, PoolEntry>();
let idleMs = 5 * 60_000;

/** Pool settings (tests, shutdown tuning). `idleMs`: close a client unused for this long (default 5 min). */
export function configureMcpClientPool(options: { idleMs?: number }) {
  if (options.idleMs !== undefined) idleMs = options.idleMs;
}

/** How many connected (or connecting) clients the pool holds. */
export function mcpClientPoolSize(): number {
  return pool.size;
}

function poolKey(server: string, spec: McpServerSpec, options: McpClientOptions): string {
  if (spec.kind === "stdio") return `stdio\u0000${server.trim()}`;
  return `http\u0000${spec.url.href}\u0000${[...(options.allowHosts ?? [])].sort().join(",")}`;
}

async function closeEntry(entry: PoolEntry) {
  if (entry.closed) return;
  entry.closed = true;
  if (entry.idleTimer) clearTimeout(entry.idleTimer);
  if (pool.get(entry.key) === entry) pool.delete(entry.key);
  const client = entry.client ?? (await entry.connecting.catch(() => undefined));
  await client?.close().catch(() => undefined);
}

/** Closes every pooled client (tests, shutdown). */
export async function closeMcpClients(): Promise<void> {
  const entries = [...pool.values()];
  pool.clear();
  await Promise.all(entries.map(closeEntry));
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted)
    return Promise.reject(new McpToolError("ABORTED", "the call was cancelled", { retriable: false }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new McpToolError("ABORTED", "the call was cancelled", { retriable: false }));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => (signal.removeEventListener("abort", onAbort), resolve(v)),
      (e) => (signal.removeEventListener("abort", onAbort), reject(e)),
    );
  });
}

async function connect(entry: PoolEntry, spec: McpServerSpec, options: McpClientOptions): Promise<Client> {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = new Client({ name: "switchboard", version: "1.0.0" }, { capabilities: {} });
  let transport: StreamableHTTPClientTransport | StdioClientTransport;
  if (spec.kind === "http") {
    transport = new StreamableHTTPClientTransport(spec.url, {
      fetch: createGuardedFetch({ allowHosts: options.allowHosts, lookup: options.lookup }),
      reconnectionOptions: {
        maxReconnectionDelay: 30_000,
        initialReconnectionDelay: 1000,
        reconnectionDelayGrowFactor: 1.5,
        maxRetries: 0,
      },
    });
  } else {
    const stdio = new StdioClientTransport({
      command: spec.command,
      args: spec.args,
      env: getDefaultEnvironment(),
      stderr: "pipe",
      cwd: process.cwd(),
    });
    stdio.stderr?.on("data", (chunk: Buffer) => {
      entry.stderrTail = (entry.stderrTail + chunk.toString("utf8")).slice(-2000);
    });
    transport = stdio;
  }
  client.onclose = () => {
    void closeEntry(entry);
  };
  client.onerror = () => undefined;
  try {
    await client.connect(transport, { timeout });
  } catch (error) {
    await transport.close().catch(() => undefined);
    throw error;
  }
  entry.client = client;
  return client;
}

async function acquire(server: string, options: McpClientOptions): Promise<PoolEntry> {
  const spec = parseMcpServer(server);
  if (spec.kind === "stdio") assertStdioAllowed(spec, options.stdioAllowlist);
  else
    await assertPublicUrl(spec.url, { allowHosts: options.allowHosts, lookup: options.lookup, signal: options.signal });

  const key = poolKey(server, spec, options);
  let entry = pool.get(key);
  if (!entry || entry.closed) {
    const fresh: PoolEntry = {
      key,
      inFlight: 0,
      closed: false,
      stderrTail: "",
      connecting: Promise.resolve(undefined as unknown as Client),
    };
    fresh.connecting = connect(fresh, spec, options);
    fresh.connecting.catch(() => {
      void closeEntry(fresh);
    });
    pool.set(key, fresh);
    entry = fresh;
  }
  entry.inFlight++;
  if (entry.idleTimer) {
    clearTimeout(entry.idleTimer);
    entry.idleTimer = undefined;
  }
  try {
    await raceAbort(entry.connecting, options.signal);
  } catch (error) {
    release(entry);
    const tail = entry.stderrTail.trim();
    throw toMcpError(error, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "connect", tail);
  }
  return entry;
}

function release(entry: PoolEntry) {
  entry.inFlight = Math.max(0, entry.inFlight - 1);
  if (entry.inFlight === 0 && !entry.closed) {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => void closeEntry(entry), idleMs);
    entry.idleTimer.unref?.();
  }
}

/** Maps anything the SDK or transports throw to a McpToolError / SsrfBlockedError. */
function toMcpError(
  error: unknown,
  timeoutMs: number,
  phase: "connect" | "call",
  stderrTail = "",
): McpToolError | SsrfBlockedError {
  if (error instanceof McpToolError || error instanceof SsrfBlockedError) return error;
  if (error instanceof HttpToolError) {
    return new McpToolError(
      error.kind === "TIMEOUT" ? "TIMEOUT" : "CONNECT",
      `could not reach the MCP server: ${error.message}`,
      {
        retriable: error.retriable,
        cause: error,
      },
    );
  }
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout)
      return new McpToolError("TIMEOUT", `the MCP server did not answer within ${timeoutMs} ms`, { cause: error });
    if (error.code === ErrorCode.ConnectionClosed) {
      return new McpToolError("CONNECT", `the MCP server closed the connection${stderrTail ? `: ${stderrTail}` : ""}`, {
        cause: error,
      });
    }
    return new McpToolError("PROTOCOL", error.message, { retriable: false, cause: error });
  }
  if (error instanceof StreamableHTTPError) {
    const status = error.code ?? 0;
    return new McpToolError("CONNECT", `the MCP server answered HTTP ${status || "error"}: ${error.message}`, {
      retriable: status === 0 || status === 408 || status === 429 || status >= 500,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT")
    return new McpToolError("CONNECT", "could not start the MCP server: command not found", {
      retriable: false,
      cause: error,
    });
  const what = phase === "connect" ? "could not connect to the MCP server" : "the MCP call failed";
  return new McpToolError("CONNECT", `${what}: ${code ?? message}${stderrTail ? ` (${stderrTail.slice(-300)})` : ""}`, {
    retriable: code !== "ENOENT",
    cause: error,
  });
}

/** Whether the connection is probably broken after this error (so the pooled client is dropped). */
function breaksConnection(error: unknown): boolean {
  if (error instanceof McpError) return error.code === ErrorCode.ConnectionClosed;
  if (error instanceof McpToolError) return error.kind === "CONNECT";
  return !(error instanceof SsrfBlockedError);
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

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
