"use client";
// Under the Live list: how many match, where this page stands, and the way to older conversations and back.
import { Time } from "@/components/ui/time";
import { buttonClass } from "@/components/ui/button";
import { liveCountLabel } from "./live-count";

export function LivePager({
  shown,
  total,
  firstPage,
  hasOlder,
  pageStart,
  onOlder,
  onNewest,
}: {
  shown: number;
  total: number;
  firstPage: boolean;
  hasOlder: boolean;
  /** The activity time the page starts before (a later page). */
  pageStart: string | null;
  onOlder: () => void;
  onNewest: () => void;
}) {
  const all = liveCountLabel(total);
  return (
    <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center justify-between gap-2">
      <p className="text-xs text-slate-600" data-testid="live-summary">
        {firstPage ? (
          hasOlder ? (
            `The ${shown} most recently active of ${all} conversations.`
          ) : (
            `${all} ${total === 1 ? "conversation" : "conversations"}.`
          )
        ) : (
          <>
            {shown} {shown === 1 ? "conversation" : "conversations"} last active before{" "}
            {pageStart ? <Time value={pageStart} /> : "the previous page"}, of {all}. New activity appears on the first
            page.
          </>
        )}
      </p>
      <div className="flex gap-2">
        {!firstPage ? (
          <button type="button" className={buttonClass("secondary", "sm")} onClick={onNewest}>
            Newest
          </button>
        ) : null}
        {hasOlder ? (
          <button type="button" className={buttonClass("secondary", "sm")} onClick={onOlder} data-testid="live-older">
            Older conversations
          </button>
        ) : null}
      </div>
    </nav>
  );
}
