// One step of a transcript turn's trace: what a reader scans (label, kind, duration, routing decision and its review,
// state changes); its input and output load when expanded (StepDetails). Drawn in the browser by TurnSteps, from the
// page's data or from a turn's steps route.
import { NodeKindBadge } from "@/components/ui/status-badges";
import { Badge } from "@/components/ui/badge";
import { formatStepDuration } from "@/components/ui/format";
import type { StepView } from "@/lib/features/conversations/prepare-step-view";
import { RouterDecision } from "@/components/trace/router-decision";
import { RoutingReview } from "./routing-review";
import { StateChanges } from "@/components/trace/state-changes";
import { StepDetails } from "./step-details";

const DOT: Record<StepView["status"], string> = {
  failed: "bg-rose-500",
  running: "bg-sky-500",
  completed: "bg-slate-400",
};

// Lean markup on purpose: a turn can have dozens of steps, so shared text styles sit on the row and plain text
// inherits them.
export function TraceStep({ step, canReview }: { step: StepView; canReview: boolean }) {
  return (
    <li
      className="relative scroll-mt-24 pl-5"
      data-testid="trace-step"
      data-kind={step.nodeKind}
      data-node-id={step.nodeId}
    >
      <span
        aria-hidden
        className={`absolute left-0 top-1.5 size-2.5 rounded-full ring-2 ring-white ${DOT[step.status]}`}
      />
      <div className="flex flex-wrap items-center gap-2 text-xs tabular-nums text-slate-500">
        <span className="text-slate-500">{step.seq}.</span>
        <span className="text-sm font-medium text-slate-900">{step.nodeLabel}</span>
        <NodeKindBadge kind={step.nodeKind} />
        {formatStepDuration(step.durationMs)}
        {step.status !== "completed" ? (
          <Badge tone={step.status === "failed" ? "red" : "sky"}>{step.status}</Badge>
        ) : null}
        {step.attempts > 1 ? <Badge tone="amber">{step.attempts} attempts</Badge> : null}
        {step.branch ? `branch ${step.branch}` : null}
        {step.summary ? <span className="text-slate-600">· {step.summary}</span> : null}
      </div>
      {step.error ? <p className="mt-1 text-xs text-rose-700">{step.error}</p> : null}
      {step.decision ? (
        <>
          <RouterDecision decision={step.decision} />
          <RoutingReview stepId={step.id} decision={step.decision} review={step.review} canReview={canReview} />
        </>
      ) : null}
      {step.stateChanges.lines.length ? <StateChanges changes={step.stateChanges} /> : null}
      <StepDetails stepId={step.id} router={step.decision ? true : undefined} />
    </li>
  );
}
