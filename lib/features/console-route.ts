// The console's own route handlers (session auth, unlike the public API's keys): the signed-in member with the
// permission, then the work; any error becomes the API's JSON error, logged when it is the server's fault.
import "server-only";
import { requireMember, type Member } from "@/lib/platform/auth/current-member";
import type { Permission } from "@/lib/model/permissions";
import { toAppError } from "@/lib/model/errors";
import { errorResponse } from "@/lib/platform/http/error-response";

export async function consoleRoute(
  permission: Permission,
  label: string,
  work: (member: Member) => Promise<Response>,
): Promise<Response> {
  try {
    return await work(await requireMember(permission));
  } catch (error) {
    const appError = toAppError(error);
    if (appError.status >= 500) console.error(`[${label}]`, appError.message);
    return errorResponse(appError.status, appError.code, appError.userMessage);
  }
}
