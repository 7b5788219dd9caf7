"use client";
import { ErrorPanel } from "@/components/ui/error-panel";

type Props = { error: unknown; retry?: () => void; reset?: () => void };

// Below the console layout, so the sidebar stays when a page fails (the layout already renders <main>).
export default function ConsoleError({ error, retry, reset }: Props) {
  return <ErrorPanel error={error} onRetry={retry ?? reset} />;
}
