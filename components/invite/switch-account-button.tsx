"use client";
import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { clearSignedInMark } from "@/components/auth/session-marker";
import { buttonClass } from "@/components/ui/button";

/** Signed in as someone else: sign out, then sign in again and come back to this invitation. */
export function SwitchAccountButton({ returnTo, email }: { returnTo: string; email: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className={buttonClass("secondary", "md", "w-full")}
      disabled={busy}
      data-testid="invite-switch-account"
      onClick={() => {
        setBusy(true);
        clearSignedInMark();
        void signOut({ callbackUrl: `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` });
      }}
    >
      <LogOut aria-hidden className="size-4" />
      {busy ? "Signing out…" : `Sign out and sign in as ${email}`}
    </button>
  );
}
