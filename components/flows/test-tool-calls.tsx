// A node's tool calls in the Test panel: which tool (by its label on the canvas), what it was given, what it returned
// or why it failed, and whether the agent × tool matrix, a rate limit, the customer's verification or an approval
// stopped it first.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { JsonView } from "@/components/ui/json-view";
import type { ToolCallStop, ToolCallView } from "@/lib/features/conversations/prepare-tool-calls";

const STOPPED: Record<ToolCallStop, { label: string; tone: BadgeTone }> = {
  matrix: { label: "refused by the matrix", tone: "red" },
  rate_limit: { label: "refused by a rate limit", tone: "amber" },
  verification: { label: "refused: customer not verified", tone: "amber" },
  approval: { label: "held for approval", tone: "amber" },
};

const isEmptyObject = (value: unknown) =>
  !!value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0;

function callBadge(call: ToolCallView) {
  if (call.stoppedBy) return STOPPED[call.stoppedBy];
  if (call.status === "error") return { label: "failed", tone: "red" as const };
  return { label: call.replayed ? "answered from the ledger" : "ran", tone: "green" as const };
}

export function TestToolCalls({ calls }: { calls: ToolCallView[] }) {
  return (
    <ol className="space-y-2" aria-label="Tool calls">
      {calls.map((call) => {
        const badge = callBadge(call);
        return (
          <li
            key={call.id}
            className="rounded-md border border-slate-200 bg-white p-2"
            data-testid="test-tool-call"
            data-tool={call.name}
            data-stopped={call.stoppedBy ?? undefined}
          >
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
              <span className="font-medium text-slate-900">{call.label}</span>
              {call.label !== call.name ? (
                <code className="font-mono text-[11px] text-slate-600">{call.name}</code>
              ) : null}
              <Badge tone={badge.tone}>{badge.label}</Badge>
            </div>
            {call.stopReason ? <p className="mt-1 text-xs text-slate-700">{call.stopReason}</p> : null}
            {call.error && !call.stopReason ? <p className="mt-1 text-xs text-rose-700">{call.error}</p> : null}
            <div className="mt-1.5 space-y-1.5">
              {isEmptyObject(call.input) ? (
                <p className="text-xs text-slate-600">Input: no arguments.</p>
              ) : (
                <JsonView label="Input" value={call.input} />
              )}
              {call.stoppedBy ? null : <JsonView label="Output" value={call.output} />}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
