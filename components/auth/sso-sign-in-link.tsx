import Link from "next/link";
import { KeyRound } from "lucide-react";
import { buttonClass } from "@/components/ui/button";

/**
 * "Sign in with <provider>": a link to /sign-in/sso, which starts the OIDC sign-in. A plain link works before the
 * page's JavaScript has loaded, and the same URL is what an identity provider's app tile ("initiate login URI") opens.
 */
export function SsoSignInLink({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  return (
    <div>
      <Link
        href={`/sign-in/sso?callbackUrl=${encodeURIComponent(callbackUrl)}`}
        prefetch={false}
        className={buttonClass("secondary", "md", "w-full")}
        data-testid="sign-in-sso"
      >
        <KeyRound aria-hidden className="size-4" />
        Sign in with {name}
      </Link>
      <div className="my-5 flex items-center gap-3 text-xs text-slate-500" aria-hidden>
        <span className="h-px flex-1 bg-slate-200" />
        or with email and password
        <span className="h-px flex-1 bg-slate-200" />
      </div>
    </div>
  );
}
