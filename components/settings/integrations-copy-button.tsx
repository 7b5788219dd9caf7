"use client";
import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";

/** A real button (Enter/Space, focus ring), named for what it copies; "Copied" is announced politely. */
export function CopyButton({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      className={buttonClass(
        "secondary",
        "sm",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
      )}
      aria-label={`Copy ${label}`}
      onClick={() => {
        navigator.clipboard.writeText(value).then(
          () => setState("copied"),
          () => setState("failed"),
        );
      }}
      data-testid={testId}
    >
      {state === "copied" ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : "Copy"}</span>
    </button>
  );
}

/** A value to paste elsewhere: monospaced, selectable in one click, with its copy button. */
export function CopyField({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      <code
        className="min-w-0 flex-1 select-all break-all rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800 ring-1 ring-slate-200"
        data-testid={testId}
      >
        {value}
      </code>
      <CopyButton value={value} label={label} />
    </div>
  );
}
