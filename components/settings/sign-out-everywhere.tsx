"use client";
import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useState, useTransition } from "react";
import { clearSignedInMark } from "@/components/auth/session-marker";
import { buttonClass } from "@/components/ui/button";
import { signOutEverywhereAction } from "@/lib/features/settings/members/actions";
import { InlineConfirm } from "@/components/ui/inline-confirm";

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
        <InlineConfirm
          label="Confirm signing out everywhere"
          question="Sign out on every device, this one included?"
          questionClassName="text-sm text-slate-700"
          action="Sign out everywhere"
          pendingAction="Signing out…"
          pending={pending}
          onConfirm={signOutEverywhere}
          onCancel={() => setConfirming(false)}
          testId="sign-out-everywhere-confirm"
          className="flex-wrap"
        />
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
