"use client";
// The span tree and its waterfall in one list (one row per span, the same rows for both), per turn. Rows are plain
// elements drawn from the prepared array; inputs and outputs load only for the selected span, so 500 spans stay fast.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { clsx } from "clsx";
import {
  Box,
  ChevronDown,
  ChevronRight,
  CircleDot,
  Headset,
  Play,
  RotateCcw,
  ShieldCheck,
  Sparkles,
  Split,
  Wrench,
  type LucideIcon,
} from "lucide-react";
import {
  barGeometry,
  expandTrace,
  visibleRows,
  type CompactTrace,
  type TraceRow,
  type TraceTurnSummary,
} from "@/lib/features/conversations/prepare-trace";
import { formatStepDuration } from "@/components/ui/format";
import { buttonClass } from "@/components/ui/button";
import { SpanDetails } from "./span-details";
import { formatCost, formatTokens } from "./trace-format";

/** Set once every span row is in the DOM (read by bench/trace-render.ts). */
export const TRACE_RENDERED_MARK = "sb-trace-rendered";

const KIND: Record<string, { icon: LucideIcon; bar: string; label: string }> = {
  run: { icon: Play, bar: "bg-slate-400", label: "run" },
  node: { icon: Box, bar: "bg-indigo-400", label: "node" },
  route: { icon: Split, bar: "bg-violet-400", label: "route" },
  llm: { icon: Sparkles, bar: "bg-sky-400", label: "LLM" },
  tool: { icon: Wrench, bar: "bg-amber-400", label: "tool" },
  guardrail: { icon: ShieldCheck, bar: "bg-emerald-400", label: "guardrail" },
  escalation: { icon: Headset, bar: "bg-rose-300", label: "escalation" },
};
const OTHER = { icon: CircleDot, bar: "bg-slate-300", label: "span" };

type RowProps = {
  row: TraceRow;
  turnMs: number;
  selected: boolean;
  collapsed: boolean;
  focusable: boolean;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
};

const SpanRow = memo(function SpanRow({ row, turnMs, selected, collapsed, focusable, onSelect, onToggle }: RowProps) {
  const kind = KIND[row.kind] ?? OTHER;
  const Icon = kind.icon;
  const bar = barGeometry(row, turnMs);
  const tokens =
    row.tokensIn !== null || row.tokensOut !== null
      ? `${formatTokens(row.tokensIn ?? 0)} → ${formatTokens(row.tokensOut ?? 0)}`
      : "";
  return (
    <div
      role="treeitem"
      aria-level={row.depth + 1}
      aria-selected={selected}
      aria-expanded={row.childCount ? !collapsed : undefined}
      tabIndex={focusable ? 0 : -1}
      data-span-row
      data-span-id={row.id}
      data-kind={row.kind}
      data-status={row.isError ? "error" : "ok"}
      onClick={() => onSelect(row.id)}
      className={clsx(
        "grid cursor-pointer grid-cols-[minmax(0,1fr)_4.5rem_6.5rem_4.5rem_minmax(8rem,32%)] items-center gap-2 border-b border-slate-100 px-2 py-1 text-xs outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-500",
        selected ? "bg-indigo-50" : row.isError ? "bg-rose-50/70 hover:bg-rose-50" : "hover:bg-slate-50",
      )}
    >
      <span className="flex min-w-0 items-center gap-1" style={{ paddingLeft: `${row.depth * 0.9}rem` }}>
        {row.childCount ? (
          <button
            type="button"
            tabIndex={-1}
            aria-label={collapsed ? `Expand ${row.name}` : `Collapse ${row.name}`}
            onClick={(event) => {
              event.stopPropagation();
              onToggle(row.id);
            }}
            className="grid size-4 shrink-0 place-items-center rounded text-slate-500 hover:bg-slate-200"
          >
            {collapsed ? <ChevronRight className="size-3" /> : <ChevronDown className="size-3" />}
          </button>
        ) : (
          <span className="size-4 shrink-0" />
        )}
        <Icon aria-hidden className={clsx("size-3.5 shrink-0", row.isError ? "text-rose-700" : "text-slate-500")} />
        <span className="sr-only">{kind.label}</span>
        <span
          className={clsx("truncate", row.isError ? "font-medium text-rose-800" : "text-slate-800")}
          title={row.name}
        >
          {row.name}
        </span>
        {row.model ? <span className="shrink-0 truncate text-[10px] text-slate-500">{row.model}</span> : null}
        {row.attempt !== null ? (
          <span className="shrink-0 rounded bg-amber-100 px-1 text-[10px] font-medium text-amber-800">
            attempt {row.attempt}
          </span>
        ) : null}
        {row.attempts !== null ? (
          <span
            className="inline-flex shrink-0 items-center gap-0.5 rounded bg-amber-100 px-1 text-[10px] font-medium text-amber-800"
            title={`${row.attempts} attempts`}
          >
            <RotateCcw aria-hidden className="size-2.5" />
            {row.attempts} attempts
          </span>
        ) : null}
        {row.retries ? (
          <span className="shrink-0 rounded bg-amber-100 px-1 text-[10px] font-medium text-amber-800">
            {row.retries} retries
          </span>
        ) : null}
        {row.isError ? (
          <span className="shrink-0 rounded bg-rose-600 px-1 text-[10px] font-semibold uppercase text-white">
            error
          </span>
        ) : null}
      </span>
      <span className="text-right tabular-nums text-slate-600">{formatStepDuration(row.durationMs)}</span>
      <span className="truncate text-right tabular-nums text-slate-500" title={tokens ? "tokens in → out" : undefined}>
        {tokens}
      </span>
      <span className="text-right tabular-nums text-slate-500">{row.costUsd ? formatCost(row.costUsd) : ""}</span>
      <span className="relative h-3 rounded-sm bg-slate-50" aria-hidden data-bar>
        <span
          className={clsx("absolute inset-y-0.5 rounded-sm", row.isError ? "bg-rose-500" : kind.bar)}
          style={{ left: `${bar.left}%`, width: `${bar.width}%` }}
        />
      </span>
    </div>
  );
});

function TurnHeader({ turn }: { turn: TraceTurnSummary }) {
  return (
    <div
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-slate-50 px-2 py-1.5 text-xs text-slate-600"
      data-testid="trace-turn"
      role="presentation"
    >
      <span className="font-semibold uppercase tracking-wide text-slate-500">
        {turn.turn === 0 ? "Opening" : `Turn ${turn.turn}`}
      </span>
      <span className="tabular-nums">{formatStepDuration(turn.durationMs)}</span>
      <span className="tabular-nums">
        {turn.spanCount} spans
        {turn.errorCount ? <span className="text-rose-700"> · {turn.errorCount} errors</span> : null}
      </span>
      {turn.tokensIn || turn.tokensOut ? (
        <span className="tabular-nums">
          {formatTokens(turn.tokensIn)} → {formatTokens(turn.tokensOut)} tokens
        </span>
      ) : null}
      {turn.costUsd ? <span className="tabular-nums">{formatCost(turn.costUsd)}</span> : null}
    </div>
  );
}

export function TraceView({ conversationId, trace: compact }: { conversationId: string; trace: CompactTrace }) {
  // The server sends the compact form (a fraction of the rows' size in the RSC payload); a live refresh sends a new one.
  const trace = useMemo(() => expandTrace(compact), [compact]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  // Rows render on the client only: 500 server-rendered rows would triple the page's HTML and then be hydrated anyway.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);

  const toggle = useCallback((id: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const select = useCallback((id: string) => {
    setSelected((current) => (current === id ? null : id));
    setFocused(id);
  }, []);

  const sections = useMemo(
    () => trace.turns.map((turn) => ({ turn, rows: visibleRows(trace.rows.slice(turn.start, turn.end), collapsed) })),
    [trace, collapsed],
  );
  const byId = useMemo(() => new Map(trace.rows.map((row) => [row.id, row])), [trace]);
  const selectedRow = selected ? (byId.get(selected) ?? null) : null;
  const focusTarget = focused && byId.has(focused) ? focused : (trace.rows[0]?.id ?? null);

  useEffect(() => {
    if (!mounted || !trace.rows.length || performance.getEntriesByName(TRACE_RENDERED_MARK).length) return;
    if (listRef.current?.querySelectorAll("[data-span-row]").length === trace.rows.length)
      performance.mark(TRACE_RENDERED_MARK);
  }, [trace, mounted]);

  // Arrow keys walk the visible rows; left/right collapse and expand; Enter or Space selects (a WAI-ARIA tree).
  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const current = (event.target as HTMLElement).closest<HTMLElement>("[data-span-row]");
    if (!current || !listRef.current) return;
    const id = current.dataset.spanId!;
    const row = byId.get(id);
    const all = [...listRef.current.querySelectorAll<HTMLElement>("[data-span-row]")];
    const index = all.indexOf(current);
    const focusAt = (i: number) => {
      const target = all[Math.max(0, Math.min(all.length - 1, i))];
      target?.focus();
      if (target) setFocused(target.dataset.spanId!);
    };
    switch (event.key) {
      case "ArrowDown":
        focusAt(index + 1);
        break;
      case "ArrowUp":
        focusAt(index - 1);
        break;
      case "Home":
        focusAt(0);
        break;
      case "End":
        focusAt(all.length - 1);
        break;
      case "ArrowRight":
        if (row?.childCount && collapsed.has(id)) toggle(id);
        else focusAt(index + 1);
        break;
      case "ArrowLeft":
        if (row?.childCount && !collapsed.has(id)) toggle(id);
        else if (row?.parentId) focusAt(all.findIndex((el) => el.dataset.spanId === row.parentId));
        break;
      case "Enter":
      case " ":
        select(id);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  if (!trace.rows.length) {
    return (
      <p className="px-4 py-5 text-sm text-slate-600">
        No spans yet. They appear as the engine processes this conversation’s events.
      </p>
    );
  }

  const parents = trace.rows.filter((row) => row.childCount > 0);
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-0 xl:grid-cols-[minmax(0,1fr)_24rem]" data-testid="trace-view">
      <div className="min-w-0 border-slate-200 xl:border-r">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-3 py-2 text-xs text-slate-600">
          <span className="tabular-nums" data-testid="trace-totals">
            {trace.totals.spanCount} spans · {formatStepDuration(trace.totals.durationMs)}
            {trace.totals.tokensIn || trace.totals.tokensOut
              ? ` · ${formatTokens(trace.totals.tokensIn)} → ${formatTokens(trace.totals.tokensOut)} tokens`
              : ""}
            {trace.totals.costUsd ? ` · ${formatCost(trace.totals.costUsd)}` : ""}
            {trace.totals.errorCount ? (
              <span className="font-medium text-rose-700"> · {trace.totals.errorCount} errors</span>
            ) : null}
          </span>
          <span className="flex gap-1">
            <button
              type="button"
              className={buttonClass("ghost", "sm")}
              onClick={() => setCollapsed(new Set())}
              disabled={collapsed.size === 0}
            >
              Expand all
            </button>
            <button
              type="button"
              className={buttonClass("ghost", "sm")}
              onClick={() => setCollapsed(new Set(parents.filter((row) => row.depth > 0).map((row) => row.id)))}
            >
              Collapse to steps
            </button>
          </span>
        </div>
        {/* Five columns need about 36rem; a narrower screen scrolls them sideways here, not the whole page. */}
        <div className="relative overflow-x-auto">
          <div className="min-w-[36rem]">
            <div
              className="grid grid-cols-[minmax(0,1fr)_4.5rem_6.5rem_4.5rem_minmax(8rem,32%)] gap-2 border-b border-slate-200 px-2 py-1 text-[10px] font-semibold uppercase tracking-wide text-slate-500"
              aria-hidden
            >
              <span>Span</span>
              <span className="text-right">Duration</span>
              <span className="text-right">Tokens</span>
              <span className="text-right">Cost</span>
              <span>Timeline</span>
            </div>
            <div
              ref={listRef}
              role="tree"
              aria-label="Trace spans"
              onKeyDown={onKeyDown}
              className="max-h-[40rem] overflow-auto"
              data-testid="span-tree"
            >
              {!mounted ? (
                <p className="px-3 py-4 text-xs text-slate-500">Loading {trace.totals.spanCount} spans…</p>
              ) : null}
              {mounted &&
                sections.map(({ turn, rows }) => (
                  <div key={turn.turn} role="group" aria-label={turn.turn === 0 ? "Opening" : `Turn ${turn.turn}`}>
                    <TurnHeader turn={turn} />
                    {rows.map((row) => (
                      <SpanRow
                        key={row.id}
                        row={row}
                        turnMs={turn.durationMs}
                        selected={row.id === selected}
                        collapsed={collapsed.has(row.id)}
                        focusable={row.id === focusTarget}
                        onSelect={select}
                        onToggle={toggle}
                      />
                    ))}
                  </div>
                ))}
            </div>
          </div>
        </div>
      </div>
      <div className="min-w-0 border-t border-slate-200 xl:border-t-0" aria-live="polite">
        {selectedRow ? (
          <SpanDetails
            key={selectedRow.id}
            conversationId={conversationId}
            row={selectedRow}
            onClose={() => setSelected(null)}
          />
        ) : (
          <p className="px-4 py-5 text-sm text-slate-500">
            Select a span to see its input, output, attributes and error.
          </p>
        )}
      </div>
    </div>
  );
}
