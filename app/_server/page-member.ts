// Page-side session helpers: the member is read once per request (React cache) however many server components
// ask, and pages redirect instead of throwing.
import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { currentMember, type Member } from "@/lib/platform/auth/current-member";
import { can, type Permission } from "@/lib/model/permissions";
import { SESSION_MARKER_COOKIE } from "@/lib/platform/auth/session-marker";

export const pageMember = cache(currentMember);

/** Redirects to sign-in (coming back to `returnTo` afterwards), or to the forbidden page. */
export async function requirePageMember(permission: Permission, returnTo: string): Promise<Member> {
  const member = await pageMember();
  if (!member) {
    const expired = (await cookies()).has(SESSION_MARKER_COOKIE);
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}${expired ? "&reason=expired" : ""}`);
  }
  if (!can(member.role, permission)) redirect(`/forbidden?need=${encodeURIComponent(permission)}`);
  return member;
}
