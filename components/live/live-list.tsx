"use client";
// The Live list: one page of conversations (react-query, kept current over server-sent events), keyset pages whose
// cursor lives in the URL (shareable), a keyboard selection (j/k or arrows, Enter opens, t takes over) and a take-over
// button on active conversations for those allowed to act, confirmed in an in-app dialog. Updates change rows where
// they stand and the order catches up calmly, never under the reader (use-live-order.ts).
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { clsx } from "clsx";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { HEADER_CELL_CLASS, TABLE_FRAME_CLASS } from "@/components/ui/table";
import { liveKeyAction, moveSelection } from "@/lib/features/live/live-keys";
import type { LivePage, LiveRow } from "@/lib/features/live/live-rows";
import { TakeOverDialog } from "@/components/conversations/take-over-dialog";
import { LiveIndicator } from "./live-indicator";
import { LivePager } from "./live-pager";
import { liveColumns, LiveTableRow } from "./live-row";
import { useLiveOrder } from "./use-live-order";
import { useLivePage } from "./use-live-page";

const EMPTY: LiveRow[] = [];
const CAPTION = "Conversations, most recent activity first";

function Header({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div role="columnheader" className={clsx(HEADER_CELL_CLASS, className)}>
      {children}
    </div>
  );
}

export function LiveList({
  query,
  initial,
  limit,
  canAct,
  empty,
}: {
  /** The filters and search as a query string (no cursor): what the list and its stream show. */
  query: string;
  initial: { cursor: string | null; page: LivePage };
  limit: number;
  canAct: boolean;
  /** What to show while nothing matches (the page knows whether filters are on). */
  empty: ReactNode;
}) {
  const router = useRouter();
  const cursor = useSearchParams().get("cursor") || null;
  const { page, loading, error: loadError, connection } = useLivePage({ query, cursor, initial, limit });
  const source = page?.rows ?? EMPTY;
  // Pointer over the list or focus in it: the reader is in the list, so its order holds (use-live-order.ts).
  const [pointerIn, setPointerIn] = useState(false);
  const [focusIn, setFocusIn] = useState(false);
  const { rows, waiting } = useLiveOrder(source, pointerIn || focusIn);
  const [selected, setSelected] = useState<string | null>(null);
  // Only a keyboard move scrolls the selection into view. A pointer selects on mousedown; scrolling then would move
  // the row's Take over button from under the pointer before mouseup, and the click would never happen.
  const scrollToSelection = useRef(false);
  const [confirming, setConfirming] = useState<LiveRow | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Paging changes only the URL: react-query fetches the page, the server does not render the whole route again.
  const goTo = useCallback(
    (next: string | null) => {
      const params = new URLSearchParams(query);
      if (next) params.set("cursor", next);
      const search = params.toString();
      window.history.pushState(null, "", `/live${search ? `?${search}` : ""}`);
      setSelected(null);
      window.scrollTo({ top: 0 });
    },
    [query],
  );

  // Stable across updates (it reads the rows through a ref): a callback that changed with every stream update made
  // every memoized row render again, not just the ones whose data changed.
  const rowsRef = useRef(rows);
  useEffect(() => {
    rowsRef.current = rows;
  }, [rows]);
  const takeOver = useCallback((id: string) => {
    const row = rowsRef.current.find((r) => r.id === id);
    if (!row) return;
    setError(null);
    if (row.status !== "active") {
      setError(`Only an active conversation can be taken over; this one is ${row.status}.`);
      return;
    }
    setConfirming(row);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (confirming) return;
      const action = liveKeyAction(event);
      if (!action) return;
      if (action === "next" || action === "previous") {
        event.preventDefault();
        scrollToSelection.current = true;
        setSelected((current) =>
          moveSelection(
            rows.map((row) => row.id),
            current,
            action,
          ),
        );
        return;
      }
      const row = rows.find((r) => r.id === selected);
      if (!row) return;
      event.preventDefault();
      if (action === "open") router.push(`/conversations/${row.id}`);
      else if (canAct) takeOver(row.id);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, selected, canAct, router, takeOver, confirming]);

  useEffect(() => {
    if (!selected || !scrollToSelection.current) return;
    scrollToSelection.current = false;
    document.querySelector(`[role="row"][data-id="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  const shownError = error ?? (loadError ? loadError.message : null);
  const hasOlder = !!page && source.length > 0 && (page.hasMore || (!cursor && page.total > source.length));
  return (
    <>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-3">
          <LiveIndicator connection={connection} />
          {waiting && (pointerIn || focusIn) ? (
            <span data-testid="live-order-held" className="text-xs text-slate-600">
              Order held while you are in the list
            </span>
          ) : null}
        </div>
        <p className="hidden text-xs text-slate-600 sm:block">
          <kbd>j</kbd>/<kbd>k</kbd> or arrows to move · <kbd>Enter</kbd> to open
          {canAct ? (
            <>
              {" "}
              · <kbd>t</kbd> to take over
            </>
          ) : null}
        </p>
      </div>
      {shownError ? (
        <p
          role="alert"
          data-testid="live-error"
          className="mb-3 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
        >
          {shownError}
        </p>
      ) : null}
      {loading ? (
        <p role="status" className="py-6 text-sm text-slate-600">
          Loading conversations…
        </p>
      ) : rows.length === 0 && !cursor ? (
        empty
      ) : (
        <>
          <div
            onPointerEnter={() => setPointerIn(true)}
            onPointerLeave={() => setPointerIn(false)}
            onFocus={() => setFocusIn(true)}
            onBlur={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget)) setFocusIn(false);
            }}
          >
            <ScrollRegion label={CAPTION} className={TABLE_FRAME_CLASS}>
              <div role="table" aria-label={CAPTION} className="min-w-[64rem] text-sm">
                <div role="rowgroup" className="border-b border-slate-200 bg-slate-50">
                  <div role="row" className={liveColumns(canAct)}>
                    <Header>Started</Header>
                    <Header>Flow</Header>
                    <Header>Channel</Header>
                    <Header>Agents</Header>
                    <Header>Status</Header>
                    <Header>Last messages</Header>
                    <Header className="text-right">Messages</Header>
                    {canAct ? (
                      <Header>
                        <span className="sr-only">Actions</span>
                      </Header>
                    ) : null}
                  </div>
                </div>
                <div role="rowgroup" className="divide-y divide-slate-100">
                  {rows.map((row) => (
                    <LiveTableRow
                      key={row.id}
                      row={row}
                      selected={row.id === selected}
                      canAct={canAct}
                      onSelect={setSelected}
                      onTakeOver={takeOver}
                    />
                  ))}
                </div>
              </div>
            </ScrollRegion>
          </div>
          <LivePager
            shown={rows.length}
            total={page?.total ?? 0}
            firstPage={!cursor}
            hasOlder={hasOlder}
            pageStart={cursor ? new Date(Number(cursor.split(".")[0])).toISOString() : null}
            onOlder={() => goTo(source[source.length - 1].cursor)}
            onNewest={() => goTo(null)}
          />
        </>
      )}
      {canAct ? (
        <TakeOverDialog
          row={
            confirming && {
              id: confirming.id,
              flowName: confirming.flow.name,
              channel: confirming.channel,
              lastCustomerText: confirming.lastCustomerMessage?.text,
            }
          }
          onClose={() => setConfirming(null)}
        />
      ) : null}
    </>
  );
}
