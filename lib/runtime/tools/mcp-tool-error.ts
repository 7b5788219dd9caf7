// The errors of MCP tool calls: McpToolError (what went wrong, and whether a retry may help), and the mapping of
// whatever the MCP SDK or its transports throw onto it.
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { AppError } from "@/lib/model/errors";
import { HttpToolError, SsrfBlockedError } from "@/lib/platform/net/outbound-errors";

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

/** Maps anything the SDK or transports throw to a McpToolError / SsrfBlockedError. */
export function toMcpError(
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
export function breaksConnection(error: unknown): boolean {
  if (error instanceof McpError) return error.code === ErrorCode.ConnectionClosed;
  if (error instanceof McpToolError) return error.kind === "CONNECT";
  return !(error instanceof SsrfBlockedError);
}
