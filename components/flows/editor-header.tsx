// The editor's header: back to the flow, its name and live version, the view and edit toolbars, then save status,
// Test, Export, History and Publish (or why publishing is blocked).
"use client";
import { ArrowLeft, CircleAlert, Download, FlaskConical, History, Rocket } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { EditToolbar, ViewSwitch } from "./editor-toolbar";
import { SaveIndicator } from "./save-indicator";
import type { SaveStatus } from "./use-autosave";

export function EditorHeader({
  flow,
  publishedNumber,
  justPublished,
  onDismissPublished,
  status,
  onRetry,
  canTest,
  testOpen,
  onToggleTest,
  onExport,
  publishBlockedReason,
  onPublish,
  onLayout,
  onFind,
  onShortcuts,
  readOnly = false,
}: {
  flow: { id: string; name: string; slug: string };
  publishedNumber: number | null;
  justPublished: number | null;
  onDismissPublished: () => void;
  status: SaveStatus;
  onRetry: () => void;
  canTest: boolean;
  testOpen: boolean;
  onToggleTest: () => void;
  onExport: () => void;
  publishBlockedReason: string | null;
  onPublish: () => void;
  onLayout: () => void;
  onFind: () => void;
  onShortcuts: () => void;
  /** On a phone: no view switch (the matrix edits permissions) and no editing toolbar. */
  readOnly?: boolean;
}) {
  return (
    <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-3 py-2">
      <Link href={`/flows/${flow.id}`} className={buttonClass("ghost", "sm")} aria-label={`Back to ${flow.name}`}>
        <ArrowLeft aria-hidden className="size-4" />
      </Link>
      <div className="min-w-0">
        <h1 className="truncate text-sm font-semibold leading-tight">{flow.name}</h1>
        <div className="flex items-center gap-1.5 text-[11px] text-slate-500">
          <span className="font-mono">{flow.slug}</span>·
          {publishedNumber !== null ? <Badge tone="indigo">v{publishedNumber} live</Badge> : <span>not published</span>}
          <span>· {readOnly ? "viewing" : "editing"} the draft</span>
        </div>
      </div>
      {readOnly ? null : (
        <>
          <ViewSwitch />
          <EditToolbar onLayout={onLayout} onFind={onFind} onShortcuts={onShortcuts} />
        </>
      )}
      <div className="ml-auto flex flex-wrap items-center gap-2">
        {justPublished !== null ? (
          <span
            role="status"
            data-testid="published-version"
            className="flex items-center gap-1.5 rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800 ring-1 ring-emerald-600/20"
          >
            Published v{justPublished}
            <Link href={`/flows/${flow.id}/history`} className="font-medium underline underline-offset-2">
              history
            </Link>
            <button
              type="button"
              onClick={onDismissPublished}
              className="text-emerald-700 hover:text-emerald-900"
              aria-label="Dismiss"
            >
              ×
            </button>
          </span>
        ) : null}
        <SaveIndicator status={status} onRetry={onRetry} />
        {canTest ? (
          <button
            type="button"
            onClick={onToggleTest}
            aria-pressed={testOpen}
            className={buttonClass("secondary", "sm")}
            data-testid="test-button"
          >
            <FlaskConical aria-hidden className="size-3.5" />
            Test
          </button>
        ) : null}
        <button type="button" onClick={onExport} className={buttonClass("secondary", "sm")} data-testid="export-button">
          <Download aria-hidden className="size-3.5" />
          Export
        </button>
        <Link href={`/flows/${flow.id}/history`} className={buttonClass("secondary", "sm")}>
          <History aria-hidden className="size-3.5" />
          History
        </Link>
        <span className="flex items-center gap-1.5">
          {publishBlockedReason ? (
            <span id="publish-blocked" className="flex items-center gap-1 text-xs text-rose-700">
              <CircleAlert aria-hidden className="size-3.5" />
              {publishBlockedReason}
            </span>
          ) : null}
          <button
            type="button"
            onClick={onPublish}
            disabled={!!publishBlockedReason}
            aria-describedby={publishBlockedReason ? "publish-blocked" : undefined}
            className={buttonClass("primary", "sm")}
            data-testid="publish-button"
          >
            <Rocket aria-hidden className="size-3.5" />
            Publish
          </button>
        </span>
      </div>
    </header>
  );
}
