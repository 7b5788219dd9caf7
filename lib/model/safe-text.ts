// Text from outside (an API body, the public chat, A2A, MCP) must be storable: Postgres refuses U+0000 in text and
// jsonb, and a lone UTF-16 surrogate cannot be encoded as UTF-8, so either used to surface as a 500 (A2A even echoed
// the database's error). They are refused where input arrives, as a 400 that says which field, before any write.
import { z } from "zod";
import { AppError } from "./errors";

export const NUL_MESSAGE = "must not contain NUL (U+0000) characters";
export const SURROGATE_MESSAGE = "must not contain unpaired UTF-16 surrogates";

/** Why `text` cannot be stored, or null when it can. */
export function unsafeTextProblem(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return NUL_MESSAGE;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return SURROGATE_MESSAGE;
      i++; // a proper pair
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return SURROGATE_MESSAGE;
    }
  }
  return null;
}

/** A zod string that refuses NUL and unpaired surrogates; chain `.trim()`, `.min()` and the rest after it. */
export function safeText(): z.ZodString {
  return z.string().superRefine((value, ctx) => {
    const problem = unsafeTextProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `Text ${problem}.` });
  });
}

/** The first string (value or object key) anywhere in parsed JSON that cannot be stored, with its path. */
export function findUnsafeText(value: unknown, path = "body"): { path: string; problem: string } | null {
  if (typeof value === "string") {
    const problem = unsafeTextProblem(value);
    return problem ? { path, problem } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = unsafeTextProblem(key);
      if (keyProblem) return { path: `a key in ${path}`, problem: keyProblem };
      const found = findUnsafeText(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Throws a 400 when a parsed JSON body holds a string that cannot be stored. The code is BAD_REQUEST, not VALIDATION,
 * because VALIDATION is this app's 422 for values that fail a field's schema; this is malformed input, whatever the
 * field.
 */
export function assertSafeJson(value: unknown): void {
  const found = findUnsafeText(value);
  if (!found) return;
  // The path names only what the caller sent; a key is not echoed because it is the unsafe text itself.
  throw new AppError("BAD_REQUEST", { userMessage: `The request is not valid: ${found.path} ${found.problem}.` });
}
