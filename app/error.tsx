"use client";
import { ErrorPanel } from "@/components/ui/error-panel";

type Props = { error: unknown; retry?: () => void; reset?: () => void };

// Errors outside the console (sign-in, the public chat page). Next 16.2+ passes `retry`; older ones `reset`.
export default function ErrorPage({ error, retry, reset }: Props) {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <ErrorPanel error={error} onRetry={retry ?? reset} />
    </main>
  );
}
