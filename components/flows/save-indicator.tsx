// The editor header's save status (saving, saved at, unsaved, not saved and why) with Retry after an error.
"use client";
import { clsx } from "clsx";
import { buttonClass } from "@/components/ui/button";
import type { SaveStatus } from "./use-autosave";

function formatTime(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

export function SaveIndicator({ status, onRetry }: { status: SaveStatus; onRetry: () => void }) {
  const text =
    status.kind === "saving"
      ? "Saving…"
      : status.kind === "dirty"
        ? "Unsaved changes"
        : status.kind === "saved"
          ? status.savedAt
            ? `Saved ${formatTime(status.savedAt)}`
            : "All changes saved"
          : status.kind === "conflict"
            ? "Not saved: newer draft on the server"
            : `Not saved: ${status.message}`;
  return (
    <span className="flex items-center gap-1.5">
      <span
        data-testid="save-status"
        data-status={status.kind}
        role="status"
        className={clsx(
          "max-w-64 truncate text-xs",
          status.kind === "error" || status.kind === "conflict"
            ? "text-rose-700"
            : status.kind === "saved"
              ? "text-emerald-700"
              : "text-slate-500",
        )}
        title={text}
      >
        {text}
      </span>
      {status.kind === "error" ? (
        <button type="button" onClick={onRetry} className={buttonClass("ghost", "sm", "!h-6 text-xs")}>
          Retry
        </button>
      ) : null}
    </span>
  );
}
