"use client";
// The selected span's input, output, attributes and error, fetched when it is selected (the page never ships them).
import { useEffect, useState } from "react";
import { X } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { JsonView } from "@/components/ui/json-view";
import { formatStepDuration } from "@/components/ui/format";
import type { TraceRow } from "@/lib/features/conversations/prepare-trace";
import { formatCost } from "./trace-format";

type Detail = {
  input: unknown;
  output: unknown;
  attributes: unknown;
  error: string | null;
  startedAt: string;
  stepId: string | null;
};

export function SpanDetails({
  conversationId,
  row,
  onClose,
}: {
  conversationId: string;
  row: TraceRow;
  onClose: () => void;
}) {
  const [state, setState] = useState<{ detail: Detail | null; error: string | null }>({ detail: null, error: null });

  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/console/conversations/${encodeURIComponent(conversationId)}/spans/${encodeURIComponent(row.id)}`, {
      signal: controller.signal,
      cache: "no-store",
    })
      .then(async (response) => {
        const body = await response.json().catch(() => null);
        if (!response.ok) throw new Error(body?.error?.message ?? `The span could not be loaded (${response.status}).`);
        setState({ detail: body as Detail, error: null });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted)
          setState({ detail: null, error: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [conversationId, row.id]);

  const { detail, error } = state;
  return (
    <section className="space-y-3 px-4 py-3" aria-label={`Span ${row.name}`} data-testid="span-details">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="truncate text-sm font-semibold text-slate-900">{row.name}</h3>
          <p className="text-xs text-slate-500">
            {row.kind} · {formatStepDuration(row.durationMs)} · turn {row.turn}
            {row.tokensIn !== null ? ` · ${row.tokensIn} in / ${row.tokensOut ?? 0} out tokens` : ""}
            {row.costUsd ? ` · ${formatCost(row.costUsd)}` : ""}
          </p>
          <code className="block truncate font-mono text-[10px] text-slate-500">{row.id}</code>
        </div>
        <button type="button" className={buttonClass("ghost", "sm")} onClick={onClose} aria-label="Close span details">
          <X className="size-4" aria-hidden />
        </button>
      </div>
      {row.error ? (
        <p className="rounded-md border border-rose-200 bg-rose-50 px-2 py-1.5 text-xs text-rose-800" role="alert">
          {row.error}
        </p>
      ) : null}
      {error ? <p className="text-xs text-rose-700">{error}</p> : null}
      {!detail && !error ? <p className="text-xs text-slate-500">Loading…</p> : null}
      {detail ? (
        <>
          <div data-testid="span-input">
            <JsonView label="Input" value={detail.input} />
          </div>
          <div data-testid="span-output">
            <JsonView label="Output" value={detail.output} />
          </div>
          <JsonView label="Attributes" value={detail.attributes} />
        </>
      ) : null}
    </section>
  );
}
