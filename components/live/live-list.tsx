"use client";
// The Live list: rows kept current over server-sent events, a keyboard selection (j/k or arrows, Enter opens,
// t takes over) and a take-over button on active conversations for those allowed to act.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { takeOverAction } from "@/lib/features/inbox/actions";
import { Table, TBody, Th, THead } from "@/components/ui/table";
import { liveKeyAction, moveSelection } from "@/lib/features/live/live-keys";
import type { LiveRow } from "@/lib/features/live/live-rows";
import { LiveIndicator } from "./live-indicator";
import { LiveTableRow } from "./live-row";
import { useLiveRows } from "./use-live-rows";

export function LiveList({
  streamUrl,
  initialRows,
  initialTotal,
  limit,
  canAct,
  empty,
}: {
  streamUrl: string;
  initialRows: LiveRow[];
  initialTotal: number;
  limit: number;
  canAct: boolean;
  /** What to show while nothing matches (the page knows whether filters are on). */
  empty: ReactNode;
}) {
  const router = useRouter();
  const { rows, total, connection } = useLiveRows({ url: streamUrl, initialRows, initialTotal, limit });
  const [selected, setSelected] = useState<string | null>(null);
  const [takingOver, setTakingOver] = useState<Record<string, true>>({});
  const [error, setError] = useState<string | null>(null);
  const rowsRef = useRef(rows);
  useEffect(() => {
    rowsRef.current = rows;
  }, [rows]);

  // A take-over is done once the engine has processed it and the row has left "active".
  useEffect(() => {
    setTakingOver((current) => {
      const still = Object.keys(current).filter((id) => rows.some((row) => row.id === id && row.status === "active"));
      return still.length === Object.keys(current).length
        ? current
        : Object.fromEntries(still.map((id) => [id, true as const]));
    });
  }, [rows]);

  const takeOver = useCallback(async (id: string) => {
    const row = rowsRef.current.find((r) => r.id === id);
    if (!row) return;
    setError(null);
    if (row.status !== "active") {
      setError(`Only an active conversation can be taken over; this one is ${row.status}.`);
      return;
    }
    if (
      !window.confirm(
        `Take over this ${row.flow.name} conversation? The flow stops answering and it moves to the escalation inbox with you.`,
      )
    )
      return;
    setTakingOver((current) => ({ ...current, [row.id]: true }));
    const result = await takeOverAction({ conversationId: row.id });
    if (!result.ok) {
      setTakingOver(({ [row.id]: _, ...rest }) => rest);
      setError(`Could not take over: ${result.message}`);
    }
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = liveKeyAction(event);
      if (!action) return;
      if (action === "next" || action === "previous") {
        event.preventDefault();
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
      else if (canAct) void takeOver(row.id);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, selected, canAct, router, takeOver]);

  useEffect(() => {
    if (selected) document.querySelector(`tr[data-id="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  return (
    <>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <LiveIndicator connection={connection} />
        <p className="text-xs text-slate-500">
          <kbd>j</kbd>/<kbd>k</kbd> or arrows to move · <kbd>Enter</kbd> to open
          {canAct ? (
            <>
              {" "}
              · <kbd>t</kbd> to take over
            </>
          ) : null}
        </p>
      </div>
      {error ? (
        <p
          role="alert"
          data-testid="live-error"
          className="mb-3 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
        >
          {error}
        </p>
      ) : null}
      {rows.length === 0 ? (
        empty
      ) : (
        <>
          <Table caption="Conversations, most recent activity first">
            <THead>
              <Th>Started</Th>
              <Th>Flow</Th>
              <Th>Channel</Th>
              <Th>Agents</Th>
              <Th>Status</Th>
              <Th>Last messages</Th>
              <Th className="text-right">Messages</Th>
              {canAct ? <Th srOnly>Actions</Th> : null}
            </THead>
            <TBody>
              {rows.map((row) => (
                <LiveTableRow
                  key={row.id}
                  row={row}
                  selected={row.id === selected}
                  canAct={canAct}
                  takingOver={!!takingOver[row.id]}
                  onSelect={setSelected}
                  onTakeOver={takeOver}
                />
              ))}
            </TBody>
          </Table>
          <p className="mt-3 text-xs text-slate-500">
            {total > rows.length
              ? `Showing the ${rows.length} most recently active of ${total} conversations. Filter to narrow it down.`
              : `${total} ${total === 1 ? "conversation" : "conversations"}.`}
          </p>
        </>
      )}
    </>
  );
}
