// Why the conversation reached a person, and what the agents had already done: the trigger, the failing node and
// its error, the intent, the tool calls with their results, and the state the flow handed over.
import { Badge } from "@/components/ui/badge";
import { formatStepDuration } from "@/components/ui/format";
import { JsonView } from "@/components/ui/json-view";
import { Time } from "@/components/ui/time";
import type { ToolCallView } from "@/lib/features/inbox/get-escalation";
import type { EscalationContextView } from "@/lib/features/inbox/escalation-context";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 text-slate-800">{children}</dd>
    </div>
  );
}

export function EscalationWhy({ reason, why }: { reason: string; why: EscalationContextView }) {
  return (
    <dl data-testid="escalation-why">
      <Row label="Reason">
        <span className="font-medium">{reason}</span>
      </Row>
      <Row label="Trigger">{why.triggerLabel}</Row>
      {why.node ? (
        <Row label="At node">
          {why.node.label} <code className="font-mono text-xs text-slate-500">{why.node.id}</code>
        </Row>
      ) : null}
      {why.error ? (
        <Row label="Error">
          <span className="text-rose-700">{why.error}</span>
          {why.attempts && why.attempts > 1 ? (
            <span className="text-slate-500"> after {why.attempts} attempts</span>
          ) : null}
        </Row>
      ) : null}
      <Row label="Intent">{why.intent ?? <span className="text-slate-500">not classified</span>}</Row>
      {why.handoffNote ? (
        <Row label="Handoff">
          <span className="text-amber-800" data-testid="handoff-fallback">
            {why.handoffNote}
          </span>
        </Row>
      ) : null}
    </dl>
  );
}

export function AgentWork({ toolCalls, state }: { toolCalls: ToolCallView[]; state: Record<string, unknown> }) {
  return (
    <div className="space-y-4">
      {toolCalls.length ? (
        <ol className="space-y-2" data-testid="tool-calls">
          {toolCalls.map((call) => (
            <li key={call.id} className="rounded-md border border-slate-200 px-3 py-2" data-testid="tool-call">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <code className="font-mono font-medium text-slate-900">{call.name}</code>
                <Badge tone={call.status === "ok" ? "green" : "red"}>{call.status === "ok" ? "ok" : "error"}</Badge>
                <span className="text-xs tabular-nums text-slate-500">{formatStepDuration(call.durationMs)}</span>
                <Time value={call.startedAt} mode="time" className="text-xs text-slate-500" />
              </div>
              {call.error ? <p className="mt-1 text-xs text-rose-700">{call.error}</p> : null}
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-slate-500 hover:text-slate-800">
                  Input and result
                </summary>
                <div className="mt-1 grid gap-2 sm:grid-cols-2">
                  <JsonView label="Input" value={call.input} />
                  <JsonView label="Result" value={call.output} />
                </div>
              </details>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-500">The agents called no tools in this conversation.</p>
      )}
      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">State handed over</h3>
        {Object.keys(state).length ? (
          <JsonView label="Flow state when it escalated (personal data redacted)" value={state} />
        ) : (
          <p className="text-sm text-slate-500">The flow had collected nothing yet.</p>
        )}
      </div>
    </div>
  );
}
