// "With Acme CC" for an escalation an external contact centre handles, with its reference when it reported one.
import { Badge } from "@/components/ui/badge";
import { handoffLabel, type HandoffView } from "@/lib/features/conversations/handoff-view";

export function HandoffBadge({ handoff }: { handoff: HandoffView }) {
  return (
    <span
      className="inline-flex flex-wrap items-center gap-1.5"
      data-testid="escalation-handoff"
      title={handoffLabel(handoff)}
    >
      <Badge tone="sky" dot>
        With {handoff.endpoint}
      </Badge>
      {handoff.externalRef ? (
        <span className="font-mono text-xs text-slate-500">
          <span className="sr-only">external reference </span>
          {handoff.externalRef}
        </span>
      ) : null}
    </span>
  );
}
