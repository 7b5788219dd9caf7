import { clsx } from "clsx";
import { Badge } from "@/components/ui/badge";
import type { RouterDecisionView } from "@/lib/features/conversations/router-decision-view";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * The router's decision: the route taken, confidence against the threshold, and the candidates as bars (the one taken
 * marked). Shared by the conversation's transcript and the designer's Test panel.
 */
export function RouterDecision({ decision }: { decision: RouterDecisionView }) {
  return (
    <div className="mt-2 space-y-2 rounded-md border border-slate-200 bg-white p-3" data-testid="router-decision">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="text-slate-500">Chose</span>
        <span className="font-medium text-slate-900" data-testid="decision-chosen">
          {decision.chosenLabel}
        </span>
        <code className="font-mono text-xs text-slate-500">{decision.chosen}</code>
        {decision.lowConfidence ? <Badge tone="amber">low confidence</Badge> : <Badge tone="green">confident</Badge>}
        <span className="text-slate-600">
          confidence <span className="font-medium tabular-nums text-slate-900">{pct(decision.confidence)}</span> vs
          threshold <span className="font-medium tabular-nums text-slate-900">{pct(decision.threshold)}</span>
        </span>
        {decision.lowConfidence && decision.predictedLabel ? (
          <span className="text-xs text-slate-500">
            (best guess was {decision.predictedLabel}, <code className="font-mono">{decision.predicted}</code>)
          </span>
        ) : null}
      </div>
      {decision.candidates.length ? (
        <ol className="space-y-1 text-xs tabular-nums text-slate-600" aria-label="Top candidates">
          {decision.candidates.map((c) => {
            const chosen = c.intent === decision.predicted;
            const taken = c.intent === decision.chosen;
            return (
              <li
                key={c.intent}
                data-testid="decision-candidate"
                data-chosen={taken || undefined}
                className="grid grid-cols-[minmax(0,8rem)_minmax(0,1fr)_3.5rem] items-center gap-2 sm:grid-cols-[11rem_minmax(0,1fr)_3.5rem]"
              >
                <span className={chosen ? "truncate font-medium text-slate-900" : "truncate"} title={c.intent}>
                  {taken ? <span aria-hidden>✓ </span> : null}
                  {c.label}
                  {taken ? <span className="sr-only"> (taken)</span> : null}
                </span>
                <span className="relative h-2 rounded-full bg-slate-100" aria-hidden>
                  <span
                    className={clsx(
                      "absolute inset-y-0 left-0 rounded-full",
                      chosen ? (decision.lowConfidence ? "bg-amber-500" : "bg-indigo-500") : "bg-slate-300",
                    )}
                    style={{ width: `${Math.max(1, Math.min(100, Math.round(c.score * 1000) / 10))}%` }}
                  />
                  <span
                    className="absolute -inset-y-0.5 w-px bg-slate-500"
                    style={{ left: `${Math.round(decision.threshold * 1000) / 10}%` }}
                  />
                </span>
                <span className="text-right">{pct(c.score)}</span>
              </li>
            );
          })}
        </ol>
      ) : null}
      <p className="text-xs text-slate-500">
        {Math.max(decision.candidateTotal, decision.routes.length) > decision.candidates.length
          ? `Top ${decision.candidates.length} of ${Math.max(decision.candidateTotal, decision.routes.length)} routes. `
          : ""}
        The thin line marks the threshold.
      </p>
    </div>
  );
}
