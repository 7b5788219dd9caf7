"use client";
import { useEffect } from "react";
import "./globals.css";

type Props = { error: unknown; retry?: () => void; reset?: () => void };

// Replaces the root layout when it fails, so it brings its own <html>/<body> and styles.
export default function GlobalError({ error, retry, reset }: Props) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    error instanceof Error && "digest" in error ? String((error as { digest?: unknown }).digest ?? "") : "";
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <title>Something went wrong · Switchboard</title>
        <main className="flex min-h-screen items-center justify-center px-4 py-12">
          <div role="alert" className="max-w-md text-center">
            <h1 className="text-xl font-semibold tracking-tight">Switchboard could not load</h1>
            <p className="mt-2 text-sm text-slate-600">
              Something went wrong on our side and it has been logged. Try again in a moment.
            </p>
            {digest ? <p className="mt-2 font-mono text-xs text-slate-500">Reference: {digest}</p> : null}
            <button
              type="button"
              onClick={() => (retry ?? reset)?.()}
              className="mt-6 inline-flex h-9 items-center rounded-md bg-indigo-600 px-3.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
            >
              Try again
            </button>
          </div>
        </main>
      </body>
    </html>
  );
}
