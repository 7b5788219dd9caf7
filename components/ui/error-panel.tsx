"use client";
import { RefreshCw } from "lucide-react";
import Link from "next/link";
import { useEffect } from "react";
import { buttonClass } from "./button";

/** What an error boundary shows: a plain message, a reference to match server logs, never a stack trace. */
export function ErrorPanel({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    error instanceof Error && "digest" in error ? String((error as { digest?: unknown }).digest ?? "") : "";
  return (
    <div role="alert" className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">
        This page could not be shown because of a problem on our side, and it has been logged. Try again; if it keeps
        happening, tell your admin{digest ? " the reference below" : ""}.
      </p>
      {digest ? <p className="mt-2 font-mono text-xs text-slate-500">Reference: {digest}</p> : null}
      <div className="mt-6 flex justify-center gap-2">
        <button type="button" onClick={() => onRetry?.()} className={buttonClass("primary")}>
          <RefreshCw aria-hidden className="size-4" />
          Try again
        </button>
        <Link href="/flows" className={buttonClass("secondary")}>
          Go to Flows
        </Link>
      </div>
    </div>
  );
}
