// Integration tests call server actions as a given member: the session is the only thing mocked (defineAction, zod,
// the engine, Postgres and the audit log stay real). In a test file:
//   vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
//   vi.mock("@/lib/platform/auth/current-member", () => import("@/tests/support/session-mock").then((m) => m.currentMemberModule()));
// then `signInAs(member)` (or null to sign out) before each call.
import type { Member } from "@/lib/platform/auth/current-member";
import { can, type Permission } from "@/lib/model/permissions";

let signedIn: Member | null = null;

export function signInAs<M extends Member | null>(member: M): M {
  signedIn = member;
  return member;
}

export const signedInMember = (): Member | null => signedIn;

export async function currentMemberModule() {
  const { AppError } = await import("@/lib/model/errors");
  return {
    WORKSPACE_COOKIE: "sb_workspace",
    currentMember: async () => signedIn,
    requireMember: async (permission?: Permission) => {
      if (!signedIn) throw new AppError("UNAUTHENTICATED");
      if (permission && !can(signedIn.role, permission)) throw new AppError("FORBIDDEN");
      return signedIn;
    },
  };
}
