// Pooled MCP clients: one connected client per server string (and allowlist), vetted before connecting (SSRF guard
// or stdio allowlist), shared by concurrent calls and closed after an idle period.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { DnsLookup } from "@/lib/platform/net/dns-lookup";
import { createGuardedFetch } from "@/lib/platform/net/guarded-fetch";
import { assertPublicUrl } from "@/lib/platform/net/ssrf-guard";
import { assertStdioAllowed, parseMcpServer, type McpServerSpec } from "./mcp-server-spec";
import { McpToolError, toMcpError } from "./mcp-tool-error";

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

export const DEFAULT_TIMEOUT_MS = 10_000;

export type PoolEntry = {
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

export async function closeEntry(entry: PoolEntry) {
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

export async function acquire(server: string, options: McpClientOptions): Promise<PoolEntry> {
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

export function release(entry: PoolEntry) {
  entry.inFlight = Math.max(0, entry.inFlight - 1);
  if (entry.inFlight === 0 && !entry.closed) {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => void closeEntry(entry), idleMs);
    entry.idleTimer.unref?.();
  }
}
