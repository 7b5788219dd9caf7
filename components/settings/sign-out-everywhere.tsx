"use client";
import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useState, useTransition } from "react";
import { clearSignedInMark } from "@/components/auth/session-marker";
import { buttonClass } from "@/components/ui/button";
import { signOutEverywhereAction } from "@/lib/features/settings/members/actions";

/** Ends every session of the signed-in person (other browsers, copied cookies), then signs this browser out too. */
export function SignOutEverywhere() {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function signOutEverywhere() {
    setError(null);
    startTransition(async () => {
      const result = await signOutEverywhereAction({});
      if (!result.ok) {
        setError(result.message);
        return;
      }
      clearSignedInMark();
      await signOut({ callbackUrl: "/sign-in?reason=signed-out" });
    });
  }

  return (
    <div className="space-y-3 px-4 py-4" data-testid="sign-out-everywhere">
      {confirming ? (
        <div role="group" aria-label="Confirm signing out everywhere" className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-slate-700">Sign out on every device, this one included?</span>
          <button
            type="button"
            className={buttonClass("danger", "sm")}
            disabled={pending}
            onClick={signOutEverywhere}
            data-testid="sign-out-everywhere-confirm"
            autoFocus
          >
            {pending ? "Signing out…" : "Sign out everywhere"}
          </button>
          <button
            type="button"
            className={buttonClass("ghost", "sm")}
            disabled={pending}
            onClick={() => setConfirming(false)}
          >
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className={buttonClass("secondary")} onClick={() => setConfirming(true)}>
          <LogOut aria-hidden className="size-4" />
          Sign out everywhere
        </button>
      )}
      <div aria-live="polite">{error ? <p className="text-sm font-medium text-rose-700">{error}</p> : null}</div>
    </div>
  );
}
