// Pure: a router step's recorded decision (chosen and predicted intent, confidence, ranked candidates) as the
// console shows it, labelled from the flow version's routes.
import { routeLabel, type NodeView } from "@/lib/features/flows/version-graph";

export type RouterDecisionView = {
  strategy: string | null;
  chosen: string;
  chosenLabel: string;
  predicted: string | null;
  predictedLabel: string | null;
  confidence: number;
  threshold: number;
  lowConfidence: boolean;
  /** The top few, best first (all of them load with the step's details). */
  candidates: { intent: string; label: string; score: number }[];
  candidateTotal: number;
  /** The router's routes a reviewer can pick as the expected one. */
  routes: { id: string; label: string }[];
};

/** Candidates shown inline under a routing decision; the rest load with the step's details. */
const TOP_CANDIDATES = 3;

export function rankedCandidates(decision: Record<string, unknown>, node: NodeView | undefined) {
  return Array.isArray(decision.candidates)
    ? decision.candidates
        .map((c) => asRecord(c))
        .filter((c): c is Record<string, unknown> => !!c && typeof c.intent === "string" && typeof c.score === "number")
        .map((c) => ({
          intent: c.intent as string,
          label: routeLabel(node, c.intent as string),
          score: c.score as number,
        }))
        .sort((a, b) => b.score - a.score)
    : [];
}

export function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** `top`: how many candidates to carry (the transcript shows a few inline; the designer's Test panel all of them). */
export function decisionView(
  output: unknown,
  node: NodeView | undefined,
  top = TOP_CANDIDATES,
): RouterDecisionView | null {
  const decision = asRecord(asRecord(output)?.decision);
  if (!decision) return null;
  const candidates = rankedCandidates(decision, node);
  const chosen = typeof decision.chosen === "string" ? decision.chosen : "";
  const predicted = typeof decision.predicted === "string" ? decision.predicted : null;
  return {
    strategy: typeof decision.strategy === "string" ? decision.strategy : null,
    chosen,
    chosenLabel: routeLabel(node, chosen),
    predicted,
    predictedLabel: predicted ? routeLabel(node, predicted) : null,
    confidence: typeof decision.confidence === "number" ? decision.confidence : 0,
    threshold: typeof decision.threshold === "number" ? decision.threshold : 0,
    lowConfidence: decision.lowConfidence === true,
    candidates: candidates.slice(0, top),
    candidateTotal: candidates.length,
    routes: node?.kind === "router" ? node.routes.map((r) => ({ id: r.id, label: r.label })) : [],
  };
}
