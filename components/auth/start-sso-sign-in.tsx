"use client";
import { signIn } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { markSignedIn } from "./session-marker";

/** Sends the browser to the identity provider as soon as the page loads; the button is there if that fails. */
export function StartSsoSignIn({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(true);
  const started = useRef(false);

  async function start() {
    setError(null);
    setBusy(true);
    try {
      // Marked before leaving: the provider brings the person back to the console, never to this page. A refusal
      // lands on the sign-in page, which clears the mark again.
      markSignedIn();
      await signIn("sso", { callbackUrl });
    } catch {
      setBusy(false);
      setError("Could not reach the server. Check your connection and try again.");
    }
  }

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void start(); // once per page load (the ref keeps React's development double-run from starting twice)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deliberately once per page load, not per render
  }, []);

  return (
    <div className="space-y-4 text-center">
      <p role="status" aria-live="polite" className="text-sm text-slate-700">
        {busy ? `Taking you to ${name}…` : `Continue to ${name} to sign in.`}
      </p>
      {error ? (
        <p role="alert" className="text-sm font-medium text-rose-700" data-testid="sso-start-error">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        onClick={() => void start()}
        disabled={busy}
        className={buttonClass("primary", "md", "w-full")}
      >
        Continue to {name}
      </button>
    </div>
  );
}
