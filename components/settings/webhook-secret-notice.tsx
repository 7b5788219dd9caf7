"use client";
// The signing secret, shown once right after an endpoint is created or its secret rotated: it is stored encrypted
// and never displayed again.
import { Check, Copy, TriangleAlert } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";

export function WebhookSecretNotice({
  title,
  secret,
  onDone,
  children,
}: {
  title: string;
  secret: string;
  onDone: () => void;
  children?: React.ReactNode;
}) {
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  // Keyboard and screen-reader users land on the notice, not somewhere above it.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="status"
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-3 outline-none focus-visible:ring-2 focus-visible:ring-amber-400"
      data-testid="webhook-secret"
    >
      <p className="flex items-center gap-1.5 text-sm font-medium text-amber-900">
        <TriangleAlert aria-hidden className="size-4" />
        {title}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-amber-200"
          data-testid="webhook-secret-value"
        >
          {secret}
        </code>
        <button
          type="button"
          className={buttonClass("secondary", "sm")}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(secret);
              setCopied(true);
              setTimeout(() => setCopied(false), 2000);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" className={buttonClass("ghost", "sm")} onClick={onDone} data-testid="webhook-secret-done">
          Done
        </button>
      </div>
      <p className="text-xs text-amber-900">
        Your receiver checks each request&apos;s <code className="font-mono">Switchboard-Signature</code> header with it
        (see the README, “Webhooks”).
      </p>
      {children}
    </div>
  );
}
