// The one error type. `message` is for logs; `userMessage` is the only text a person ever sees.
import { ZodError } from "zod";

export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "BAD_REQUEST"
  | "INTERNAL";

const STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 422,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  BAD_REQUEST: 400,
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly userMessage: string;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(
    code: AppErrorCode,
    options: { message?: string; userMessage?: string; fieldErrors?: Record<string, string[]>; cause?: unknown } = {},
  ) {
    super(options.message ?? options.userMessage ?? code, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.userMessage = options.userMessage ?? defaultUserMessage(code);
    this.fieldErrors = options.fieldErrors;
  }
}

function defaultUserMessage(code: AppErrorCode): string {
  switch (code) {
    case "UNAUTHENTICATED":
      return "Please sign in.";
    case "FORBIDDEN":
      return "You do not have permission to do that.";
    case "NOT_FOUND":
      return "Not found.";
    case "VALIDATION":
      return "Some fields are not valid.";
    case "CONFLICT":
      return "That conflicts with a change someone else made. Reload and try again.";
    case "RATE_LIMITED":
      return "Too many requests. Try again shortly.";
    case "BAD_REQUEST":
      return "The request is not valid.";
    default:
      return "Something went wrong on our side. It has been logged.";
  }
}

/** Maps anything thrown to an AppError; ZodError → 422 happens here and nowhere else. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) {
      const key = issue.path.join(".") || "_";
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return new AppError("VALIDATION", { message: error.message, fieldErrors });
  }
  return new AppError("INTERNAL", { message: error instanceof Error ? error.message : String(error), cause: error });
}
