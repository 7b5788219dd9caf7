// The transcript grouped by customer turn, each turn with the steps the flow ran for it. Server components only:
// what a reader scans (labels, routing decisions, state changes) is drawn here; a step's input and output load when
// it is expanded (StepDetails), so a long conversation's page stays small.
import { clsx } from "clsx";
import { Bot, Headset, Info, UserRound, type LucideIcon } from "lucide-react";
import { NodeKindBadge } from "@/components/ui/status-badges";
import { Badge } from "@/components/ui/badge";
import { formatStepDuration } from "@/components/ui/format";
import { Time } from "@/components/ui/time";
import type { MessageView, StepView, TurnView } from "@/lib/features/conversations/prepare-conversation-trace";
import { RouterDecision } from "./router-decision";
import { RoutingReview } from "./routing-review";
import { StateChanges } from "./state-changes";
import { StepDetails, StepDetailsScope } from "./step-details";

const ROLE: Record<MessageView["role"], { label: string; icon: LucideIcon; bubble: string }> = {
  customer: { label: "Customer", icon: UserRound, bubble: "bg-white border-slate-200" },
  agent: { label: "Agent", icon: Bot, bubble: "bg-indigo-50/60 border-indigo-100" },
  operator: { label: "Operator", icon: Headset, bubble: "bg-emerald-50/70 border-emerald-100" },
  system: { label: "System", icon: Info, bubble: "bg-slate-100 border-slate-200" },
};

function Message({ message }: { message: MessageView }) {
  const role = ROLE[message.role];
  const Icon = role.icon;
  return (
    <li className="flex gap-3" data-testid="transcript-message" data-role={message.role}>
      <span
        aria-hidden
        className="mt-0.5 grid size-7 shrink-0 place-items-center rounded-full bg-slate-100 text-slate-600"
      >
        <Icon className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2 text-xs">
          <span className="font-semibold text-slate-800">{role.label}</span>
          {message.author ? <span className="text-slate-500">{message.author}</span> : null}
          <Time value={message.createdAt} mode="time" className="text-slate-500" />
          <span className="text-slate-500">#{message.seq}</span>
        </div>
        <p className={clsx("mt-1 whitespace-pre-wrap rounded-lg border px-3 py-2 text-sm text-slate-800", role.bubble)}>
          {message.text}
        </p>
      </div>
    </li>
  );
}

const DOT: Record<StepView["status"], string> = {
  failed: "bg-rose-500",
  running: "bg-sky-500",
  completed: "bg-slate-400",
};

// Lean markup on purpose: a long conversation has hundreds of steps and each element travels twice (HTML + RSC), so
// shared text styles sit on the row and plain text inherits them.
function Step({ step, canReview }: { step: StepView; canReview: boolean }) {
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

export function Turn({ turn, canReview = false }: { turn: TurnView; canReview?: boolean }) {
  const customer = turn.messages.filter((m) => m.role === "customer");
  const rest = turn.messages.filter((m) => m.role !== "customer");
  const totalMs = turn.steps.reduce((sum, s) => sum + (s.durationMs ?? 0), 0);
  return (
    <section
      aria-label={turn.turn === 0 ? "Opening" : `Turn ${turn.turn}`}
      className="space-y-3"
      data-testid="turn"
      data-turn={turn.turn}
    >
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {turn.turn === 0 ? "Opening" : `Turn ${turn.turn}`}
      </h3>
      {customer.length ? (
        <ul className="space-y-3">
          {customer.map((m) => (
            <Message key={m.id} message={m} />
          ))}
        </ul>
      ) : null}
      {turn.steps.length ? (
        <div className="ml-10 rounded-lg border border-dashed border-slate-300 bg-slate-50/70 p-3">
          <div className="mb-2 flex items-center justify-between text-xs text-slate-500">
            <span className="font-medium text-slate-600">
              Trace · {turn.steps.length} {turn.steps.length === 1 ? "step" : "steps"}
            </span>
            <span className="tabular-nums">{formatStepDuration(totalMs)} total</span>
          </div>
          <StepDetailsScope conversationId={turn.conversationId}>
            <ol className="space-y-2.5 border-l border-slate-200 pl-1">
              {/* Index keys: a turn's steps only ever grow at the end, and a step id is long in a payload of hundreds. */}
              {turn.steps.map((s, i) => (
                <Step key={i} step={s} canReview={canReview} />
              ))}
            </ol>
          </StepDetailsScope>
        </div>
      ) : turn.turn > 0 ? (
        <p className="ml-10 text-xs text-slate-500">
          No flow steps for this message (a person had the conversation, or it had ended).
        </p>
      ) : null}
      {rest.length ? (
        <ul className="space-y-3">
          {rest.map((m) => (
            <Message key={m.id} message={m} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
