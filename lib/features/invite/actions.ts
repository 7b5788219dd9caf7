"use server";
// The accept page's server actions. The person is not (yet) a member of the workspace, so these are not
// defineAction: each validates its input, authorizes by the invitation link's token (and, for an existing account,
// by the signed-in session), does its work and writes its audit entry in one transaction, and maps any error to a
// message that is safe to show.
import { cookies } from "next/headers";
import { requireMember, WORKSPACE_COOKIE } from "@/lib/platform/auth/current-member";
import { db } from "@/lib/platform/db/client";
import { toAppError } from "@/lib/model/errors";
import { acceptAsSignedInUser, acceptWithNewAccount, type AcceptedInvitation } from "./accept-invitation";
import { acceptInvitationSchema, acceptWithNewAccountSchema } from "./invite-schema";

export type AcceptResult =
  | { ok: true; data: { workspaceName: string; email: string } }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

function failure(error: unknown): AcceptResult {
  const appError = toAppError(error);
  if (appError.status >= 500) console.error("[invite]", appError.message);
  return { ok: false, code: appError.code, message: appError.userMessage, fieldErrors: appError.fieldErrors };
}

const success = (accepted: AcceptedInvitation): AcceptResult => ({
  ok: true,
  data: { workspaceName: accepted.workspaceName, email: accepted.email },
});

/** No account yet: creates it and the membership; the browser then signs in with the password it just chose. */
export async function acceptWithNewAccountAction(raw: unknown): Promise<AcceptResult> {
  try {
    const input = acceptWithNewAccountSchema.parse(raw);
    return success(await db().$transaction((tx) => acceptWithNewAccount(tx, input)));
  } catch (error) {
    return failure(error);
  }
}

/** An existing account, signed in: joins the workspace and opens it in the console. */
export async function acceptInvitationAction(raw: unknown): Promise<AcceptResult> {
  try {
    const { token } = acceptInvitationSchema.parse(raw);
    const member = await requireMember();
    const accepted = await db().$transaction((tx) => acceptAsSignedInUser(tx, { token, userId: member.userId }));
    (await cookies()).set(WORKSPACE_COOKIE, accepted.workspaceId, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
    });
    return success(accepted);
  } catch (error) {
    return failure(error);
  }
}
