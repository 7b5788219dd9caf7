import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Workflow } from "lucide-react";
import { ForgetSessionMark } from "@/components/auth/forget-session-mark";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoSignInLink } from "@/components/auth/sso-sign-in-link";
import { safeRedirectPath } from "@/lib/platform/http/safe-redirect";
import { pageMember } from "@/app/_server/page-member";
import { ssoConfigFromEnv } from "@/lib/platform/auth/sso/config";
import { ssoErrorMessage } from "@/lib/platform/auth/sso/refusals";
import { throttledMessage } from "@/lib/platform/auth/throttle-notice";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(params.callbackUrl);
  // Someone with a session but no workspace (removed everywhere) stays here instead of bouncing between pages.
  const member = await pageMember();
  if (member) redirect(callbackUrl);

  const reason = Array.isArray(params.reason) ? params.reason[0] : params.reason;
  const error = Array.isArray(params.error) ? params.error[0] : params.error;
  // Server-side: only the button label reaches the browser, never the client id or secret.
  const sso = ssoConfigFromEnv();
  const ssoError = error && sso ? ssoErrorMessage(error, sso.name) : null;
  const errorNotice = error
    ? (ssoError ??
      throttledMessage(error) ??
      (error === "CredentialsSignin" ? "Wrong email or password." : "Signing in did not work. Try again."))
    : null;
  const notice =
    reason === "expired"
      ? "Your session has ended. Sign in again to continue."
      : reason === "signed-out"
        ? "You have been signed out."
        : errorNotice;

  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <span
            aria-hidden
            className="mb-3 grid size-10 place-items-center rounded-lg bg-indigo-600 text-white shadow-sm"
          >
            <Workflow className="size-5" />
          </span>
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">Sign in to Switchboard</h1>
          <p className="mt-1 text-sm text-slate-600">Design, run and operate your AI customer-service flows.</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {error ? <ForgetSessionMark /> : null}
          {notice ? (
            <p
              role={error ? "alert" : "status"}
              className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
              data-testid="sign-in-notice"
            >
              {notice}
            </p>
          ) : null}
          {sso ? <SsoSignInLink name={sso.name} callbackUrl={callbackUrl} /> : null}
          <SignInForm callbackUrl={callbackUrl} />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">
          No account? Ask an admin of your workspace for an invitation link.
        </p>
      </div>
    </main>
  );
}
