"use client";
import { signIn } from "next-auth/react";
import { markSignedIn } from "./session-marker";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { buttonClass, inputClass } from "@/components/ui/button";
import { throttledMessage } from "@/lib/platform/auth/throttle-notice";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [redirecting, setRedirecting] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const busy = pending || redirecting;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your email and password.");
      return;
    }
    setError(null);
    startTransition(async () => {
      try {
        const result = await signIn("credentials", { email, password, redirect: false });
        if (!result || result.error || !result.ok) {
          // A throttled attempt says how long to wait; anything else is the same answer for every e-mail.
          setError(throttledMessage(result?.error) ?? "Wrong email or password.");
          passwordRef.current?.select();
          passwordRef.current?.focus();
          return;
        }
        markSignedIn();
        setRedirecting(true);
        router.replace(callbackUrl);
        router.refresh();
      } catch {
        setError("Could not reach the server. Check your connection and try again.");
      }
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={error ? errorId : undefined}>
      <div>
        <label htmlFor="email" className="mb-1 block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          className={inputClass}
          aria-invalid={error ? true : undefined}
          disabled={busy}
          data-testid="sign-in-email"
        />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium text-slate-700">
          Password
        </label>
        <input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={inputClass}
          aria-invalid={error ? true : undefined}
          disabled={busy}
          data-testid="sign-in-password"
        />
      </div>
      <div aria-live="polite">
        {error ? (
          <p id={errorId} className="text-sm font-medium text-rose-700" data-testid="sign-in-error">
            {error}
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        className={buttonClass("primary", "md", "w-full")}
        disabled={busy}
        data-testid="sign-in-submit"
      >
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
