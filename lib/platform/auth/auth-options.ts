import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { db } from "@/lib/platform/db/client";
import { passwordSignIn } from "./password-sign-in";
import { readSsoConfig } from "./sso/config";
import { provisionSsoUser } from "./sso/provision";
import { SSO_PROVIDER_ID, ssoProvider } from "./sso/provider";
import { SSO_REFUSALS } from "./sso/refusals";

// Eight hours: one operator shift. An expired session sends the person back to sign-in with a note.
const SESSION_MAX_AGE_S = 8 * 60 * 60;

// Read once at start-up; a half-configured SSO stops here with a message naming the variables (scripts/start.ts
// checks the same before anything starts).
const sso = readSsoConfig();

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: passwordSignIn(),
    }),
    ...(sso ? [ssoProvider(sso)] : []),
  ],
  events: {
    // Sessions are JWTs, so signing out touches no table: this entry is its only record.
    async signOut({ token }) {
      const userId = token?.sub;
      if (!userId) return;
      const user = await db().user.findUnique({
        where: { id: userId },
        select: { email: true, memberships: { select: { workspaceId: true }, take: 1 } },
      });
      if (!user) return;
      await auditLog({
        workspaceId: user.memberships[0]?.workspaceId ?? null,
        actor: { type: "user", id: userId, label: user.email },
        action: "session.signed_out",
        resourceType: "session",
        resourceId: userId,
      });
    },
  },
  callbacks: {
    async signIn({ user, account, profile }) {
      if (!sso || account?.provider !== SSO_PROVIDER_ID) return true;
      const result = await provisionSsoUser(sso, (profile ?? {}) as Record<string, unknown>);
      // pages.error is the sign-in page: it reads the code and says what to do.
      if (!result.ok) return `/sign-in?error=${SSO_REFUSALS[result.reason].code}`;
      // Without an adapter next-auth hands this same object to the jwt callback, so the token carries Switchboard's
      // user id exactly as a password sign-in does (current-member and the session marker rely on it).
      user.id = result.userId;
      return true;
    },
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
