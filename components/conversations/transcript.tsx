// The transcript grouped by customer turn, each turn with the steps the flow ran for it (TurnSteps). A step's input and
// output load when it is expanded (StepDetails), and an older turn's steps when it is opened, so a long conversation's
// page stays small.
import { clsx } from "clsx";
import { Bot, Headset, Info, UserRound, type LucideIcon } from "lucide-react";
import { OfflineReplyLabel } from "@/components/ui/offline-reply-label";
import { Time } from "@/components/ui/time";
import type { MessageView, TurnView } from "@/lib/features/conversations/prepare-conversation-trace";
import { TurnSteps } from "./turn-steps";

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
          {message.offline ? <OfflineReplyLabel /> : null}
        </div>
        <p className={clsx("mt-1 whitespace-pre-wrap rounded-lg border px-3 py-2 text-sm text-slate-800", role.bubble)}>
          {message.text}
        </p>
      </div>
    </li>
  );
}

export function Turn({
  turn,
  canReview = false,
  stepsUpFront = true,
}: {
  turn: TurnView;
  canReview?: boolean;
  /** False: the turn shows its step count and loads its steps when opened (turns-up-front.ts). */
  stepsUpFront?: boolean;
}) {
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
        <TurnSteps
          conversationId={turn.conversationId}
          turn={turn.turn}
          count={turn.steps.length}
          failed={turn.steps.filter((s) => s.status === "failed").length}
          totalMs={totalMs}
          steps={stepsUpFront ? turn.steps : undefined}
          canReview={canReview}
        />
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
