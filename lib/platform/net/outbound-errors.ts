// The typed errors of guarded outbound requests: callers tell a blocked target from a failed request, and a
// retriable failure from a final one, without parsing messages.
import { AppError } from "@/lib/model/errors";

/** The target is not allowed (scheme, credentials, private/loopback/metadata address…). Never retriable. */
export class SsrfBlockedError extends AppError {
  readonly url: string;
  readonly host: string;
  readonly address?: string;
  readonly retriable = false;

  constructor(reason: string, details: { url: string; host: string; address?: string }) {
    super("BAD_REQUEST", { message: reason, userMessage: reason });
    this.name = "SsrfBlockedError";
    this.url = details.url;
    this.host = details.host;
    this.address = details.address;
  }
}

export type HttpToolErrorKind =
  "INVALID_URL" | "DNS" | "TIMEOUT" | "ABORTED" | "NETWORK" | "TOO_LARGE" | "TOO_MANY_REDIRECTS" | "BAD_RESPONSE";

/** The request could not be completed. `retriable` says whether trying again later may help. */
export class HttpToolError extends AppError {
  readonly kind: HttpToolErrorKind;
  readonly retriable: boolean;

  constructor(kind: HttpToolErrorKind, message: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super("INTERNAL", { message, userMessage: message, cause: options.cause });
    this.name = "HttpToolError";
    this.kind = kind;
    this.retriable = options.retriable ?? (kind === "TIMEOUT" || kind === "NETWORK");
  }
}

/** Maps low-level failures (abort, timeout, socket errors) to typed errors. */
export function toRequestError(
  error: unknown,
  timeout: AbortSignal,
  caller: AbortSignal | undefined,
  timeoutMs: number,
): Error {
  if (error instanceof SsrfBlockedError || error instanceof HttpToolError) return error;
  if (timeout.aborted)
    return new HttpToolError("TIMEOUT", `timed out after ${timeoutMs} ms`, { retriable: true, cause: error });
  if (caller?.aborted)
    return new HttpToolError("ABORTED", "the request was cancelled", { retriable: false, cause: error });
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new HttpToolError("NETWORK", `network error: ${code ?? message}`, { retriable: true, cause: error });
}
