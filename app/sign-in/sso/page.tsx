import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { StartSsoSignIn } from "@/components/auth/start-sso-sign-in";
import { safeRedirectPath } from "@/lib/platform/http/safe-redirect";
import { pageMember } from "@/app/_server/page-member";
import { ssoConfigFromEnv } from "@/lib/platform/auth/sso/config";

export const metadata: Metadata = { title: "Sign in with SSO" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Starts the OpenID Connect sign-in: the sign-in page's "Sign in with …" link, and the URL to give an identity
// provider as the app's login URL (Okta "Initiate login URI", Entra ID "Sign on URL").
export default async function SsoSignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(params.callbackUrl);
  const sso = ssoConfigFromEnv();
  if (!sso) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (await pageMember()) redirect(callbackUrl);

  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="mb-4 text-center text-lg font-semibold tracking-tight text-slate-900">
          Sign in with {sso.name}
        </h1>
        <StartSsoSignIn name={sso.name} callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
