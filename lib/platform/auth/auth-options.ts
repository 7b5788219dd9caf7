import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { db } from "@/lib/platform/db/client";
import { passwordSignIn } from "./password-sign-in";
import { endSessions, readSessionVersion, tokenSessionVersion } from "./session-version";
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
    // Signing out raises the person's session version, so the cookie just cleared stops working even where it was
    // copied to (and so do their sessions in other browsers). A cookie that had already ended changes nothing.
    async signOut({ token }) {
      const userId = token?.sub;
      if (!userId) return;
      const user = await db().user.findUnique({
        where: { id: userId },
        select: { email: true, memberships: { select: { workspaceId: true }, take: 1, orderBy: { createdAt: "asc" } } },
      });
      if (!user) return;
      const entry = {
        workspaceId: user.memberships[0]?.workspaceId ?? null,
        actor: { type: "user" as const, id: userId, label: user.email },
      };
      await db().$transaction(async (tx) => {
        const ended = await endSessions(tx, userId, "signed_out", { ifVersion: tokenSessionVersion(token) });
        if (!ended) return;
        await auditLog({ ...entry, action: "session.signed_out", resourceType: "session", resourceId: userId }, tx);
        await auditLog({ ...entry, ...ended }, tx);
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
    // `user` is set only at sign-in (password or SSO): the token then takes the person's current session version,
    // which current-member.ts compares on every request. Nothing the browser sends (a session update) can change it.
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sessionVersion = (await readSessionVersion(user.id)) ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) {
        Object.assign(session.user, { id: token.sub, sessionVersion: tokenSessionVersion(token) });
      }
      return session;
    },
  },
};
