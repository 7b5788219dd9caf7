// Shown when someone else saved a newer draft: load theirs (after a confirmation) or download mine first.
"use client";
import { CircleAlert, Download } from "lucide-react";
import { buttonClass } from "@/components/ui/button";

export function ConflictBanner({
  message,
  confirmReload,
  setConfirmReload,
  onReplace,
  onDownload,
}: {
  message: string;
  confirmReload: boolean;
  setConfirmReload: (confirm: boolean) => void;
  onReplace: () => void;
  onDownload: () => void;
}) {
  return (
    <div
      role="alert"
      data-testid="conflict-banner"
      className="flex flex-wrap items-center gap-3 border-b border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900"
    >
      <CircleAlert aria-hidden className="size-4 shrink-0" />
      <span className="min-w-0 flex-1">
        {message || "Someone else saved a newer draft."}
        {/autosave/i.test(message) ? "" : " Autosave is paused so neither version is lost."}
      </span>
      {confirmReload ? (
        <>
          <span className="font-medium">Replace your changes with the latest draft?</span>
          <button
            type="button"
            onClick={onReplace}
            className={buttonClass("danger", "sm")}
            data-testid="conflict-confirm-reload"
          >
            Replace mine
          </button>
          <button type="button" onClick={() => setConfirmReload(false)} className={buttonClass("secondary", "sm")}>
            Cancel
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            onClick={() => setConfirmReload(true)}
            className={buttonClass("secondary", "sm")}
            data-testid="conflict-load-latest"
          >
            Load the latest draft
          </button>
          <button
            type="button"
            onClick={onDownload}
            className={buttonClass("secondary", "sm")}
            data-testid="conflict-download"
          >
            <Download aria-hidden className="size-3.5" />
            Download my version
          </button>
        </>
      )}
    </div>
  );
}
