// How a node fails tells the engine what to do next: retriable failures (timeouts, a flaky dependency) are tried
// again with backoff; non-retriable ones (a template that cannot be filled, a refused refund) go straight to the
// node's fallback policy.
import type { ChildSpan } from "./execution-result";

export class NodeError extends Error {
  readonly retriable: boolean;
  readonly code: string;
  /** What the node did before failing (model calls billed, tools called): kept in the trace under the failed attempt. */
  spans: ChildSpan[] = [];
  constructor(message: string, options: { retriable: boolean; code?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = "NodeError";
    this.retriable = options.retriable;
    this.code = options.code ?? (options.retriable ? "RETRIABLE" : "NON_RETRIABLE");
  }
}

export const nonRetriable = (message: string, code?: string) => new NodeError(message, { retriable: false, code });
export const retriable = (message: string, code?: string) => new NodeError(message, { retriable: true, code });

export class NodeTimeoutError extends NodeError {
  constructor(ms: number) {
    super(`Timed out after ${ms} ms`, { retriable: true, code: "TIMEOUT" });
  }
}

/** Errors from our own deterministic code are not worth retrying; only those marked retriable are. */
export function isRetriable(error: unknown): boolean {
  return error instanceof NodeError && error.retriable;
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 1000 ? `${text.slice(0, 999)}…` : text;
}

/** Exponential backoff with full jitter on the upper half: base·2^(attempt-1)·[0.5, 1), capped. */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  random: () => number = Math.random,
  capMs = 30_000,
): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.5 + random() * 0.5));
}
