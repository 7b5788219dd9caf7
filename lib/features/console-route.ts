// The console's own route handlers (session auth, unlike the public API's keys): the signed-in member with the
// permission, then the work; any error becomes the API's JSON error, logged when it is the server's fault.
import "server-only";
import { requireMember, type Member } from "@/lib/platform/auth/current-member";
import { readSessionVersion } from "@/lib/platform/auth/session-version";
import type { Permission } from "@/lib/model/permissions";
import { toAppError } from "@/lib/model/errors";
import { errorResponse } from "@/lib/platform/http/error-response";
import { endWhenDisallowed } from "@/lib/platform/http/sse-stream";

/** How often an open event stream asks whether its session has been ended since it opened. */
export const STREAM_SESSION_CHECK_MS = 30_000;

export async function consoleRoute(
  permission: Permission,
  label: string,
  work: (member: Member) => Promise<Response>,
  options: { streamSessionCheckMs?: number } = {},
): Promise<Response> {
  try {
    const member = await requireMember(permission);
    const response = await work(member);
    if (!response.body || !response.headers.get("content-type")?.startsWith("text/event-stream")) return response;
    // An event stream is one request that lasts: the session is checked again while it is open, so signing out (or
    // any other end of the session) also closes the streams opened with it.
    const version = await readSessionVersion(member.userId);
    const stillAllowed = async () => version !== null && (await readSessionVersion(member.userId)) === version;
    return new Response(
      endWhenDisallowed(response.body, stillAllowed, options.streamSessionCheckMs ?? STREAM_SESSION_CHECK_MS),
      { status: response.status, headers: response.headers },
    );
  } catch (error) {
    const appError = toAppError(error);
    if (appError.status >= 500) console.error(`[${label}]`, appError.message);
    return errorResponse(appError.status, appError.code, appError.userMessage);
  }
}
