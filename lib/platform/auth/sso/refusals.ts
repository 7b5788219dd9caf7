// Why an SSO sign-in was refused: the reason audited, the next-auth error code in the sign-in URL, and the one
// sentence the person reads. Pure data, shared by the sign-in callback and the sign-in page.
export const SSO_REFUSALS = {
  no_subject: {
    code: "SsoNoSubject",
    message: "Your identity provider did not say who you are. Ask your administrator to check the SSO set-up.",
  },
  no_email: {
    code: "SsoNoEmail",
    message:
      "Your identity provider did not share your email address. Ask your administrator to release the email claim to Switchboard.",
  },
  email_unverified: {
    code: "SsoEmailUnverified",
    message: "Your email address is not verified at your identity provider. Verify it there, then sign in again.",
  },
  domain_not_allowed: {
    code: "SsoDomainNotAllowed",
    message: "Your email domain may not sign in to this Switchboard. Sign in with your work account.",
  },
  no_role: {
    code: "SsoNoRole",
    message:
      "Your account has no Switchboard role. Ask your administrator to add you to one of the Switchboard groups.",
  },
  no_workspace: {
    code: "SsoNoWorkspace",
    message: "Switchboard has no workspace for SSO sign-in. Ask your administrator to check SSO_WORKSPACE.",
  },
} as const;

export type SsoRefusal = keyof typeof SSO_REFUSALS;

/** The sentence for a next-auth `error` query parameter that an SSO sign-in produced, or null for other errors. */
export function ssoErrorMessage(code: string, providerName: string): string | null {
  const refusal = Object.values(SSO_REFUSALS).find((entry) => entry.code === code);
  if (refusal) return refusal.message;
  // next-auth's own codes when the round trip with the provider failed (cancelled, misconfigured, unreachable).
  if (code === "OAuthSignin" || code === "OAuthCallback" || code === "Callback" || code === "AccessDenied") {
    return `Signing in with ${providerName} did not work. Try again, or ask your administrator to check the SSO set-up.`;
  }
  return null;
}
