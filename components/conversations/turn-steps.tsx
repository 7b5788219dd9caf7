"use client";
// A transcript turn's trace: the steps the flow ran for the customer's message, under a toggle. The newest turns come
// with the page's data (lib/features/conversations/turns-up-front.ts); an older turn shows its count and fetches its
// steps the first time a reader opens it.
import { useQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { ChevronRight } from "lucide-react";
import { useId, useState } from "react";
import { formatStepDuration } from "@/components/ui/format";
import type { StepView } from "@/lib/features/conversations/prepare-step-view";
import { StepDetailsScope } from "./step-details";
import { turnStepsKey } from "./turn-steps-key";
import { TraceStep } from "./trace-step";

async function fetchTurnSteps(conversationId: string, turn: number): Promise<StepView[]> {
  const response = await fetch(`/api/console/conversations/${encodeURIComponent(conversationId)}/turns/${turn}`, {
    cache: "no-store",
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.error?.message ?? `The steps could not be loaded (${response.status}).`);
  return (body as { steps: StepView[] }).steps;
}

export function TurnSteps({
  conversationId,
  turn,
  count,
  failed,
  totalMs,
  steps,
  canReview,
}: {
  conversationId: string;
  turn: number;
  count: number;
  failed: number;
  totalMs: number;
  /** Given for a turn drawn up front; undefined for one whose steps load when opened. */
  steps?: StepView[];
  canReview: boolean;
}) {
  const listId = useId();
  const [open, setOpen] = useState(steps !== undefined);
  // A turn drawn up front keeps its steps on screen when newer turns push it out of the page's data on a refresh.
  const [kept, setKept] = useState(steps);
  if (steps && steps !== kept) setKept(steps);
  const query = useQuery({
    queryKey: turnStepsKey(conversationId, turn),
    queryFn: () => fetchTurnSteps(conversationId, turn),
    enabled: open && steps === undefined,
  });
  const shown = steps ?? query.data ?? kept;

  return (
    <div
      className="ml-10 rounded-lg border border-dashed border-slate-300 bg-slate-50/70 p-3"
      data-testid="turn-steps"
      data-open={open}
    >
      <div className="flex items-center justify-between gap-2 text-xs text-slate-500">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen(!open)}
          className="-m-1 flex items-center gap-1 rounded p-1 font-medium text-slate-600 hover:text-slate-900"
          data-testid="turn-steps-toggle"
        >
          <ChevronRight aria-hidden className={clsx("size-3.5 transition-transform", open && "rotate-90")} />
          Trace · {count} {count === 1 ? "step" : "steps"}
          {failed ? <span className="text-rose-700">· {failed} failed</span> : null}
        </button>
        <span className="tabular-nums">{formatStepDuration(totalMs)} total</span>
      </div>
      {open ? (
        <div id={listId} className="mt-2" aria-busy={!shown}>
          {shown ? (
            <StepDetailsScope conversationId={conversationId}>
              <ol className="space-y-2.5 border-l border-slate-200 pl-1">
                {/* Index keys: a turn's steps only ever grow at the end. */}
                {shown.map((s, i) => (
                  <TraceStep key={i} step={s} canReview={canReview} />
                ))}
              </ol>
            </StepDetailsScope>
          ) : query.isError ? (
            <p className="text-xs text-rose-700" role="alert">
              {query.error.message}
            </p>
          ) : (
            <p className="text-xs text-slate-500">Loading {count} steps…</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
