// The start node's two classifier decisions, once its models are loaded: pure, so that the engine
// (check-interruptions.ts, which loads the models and records the spans) and `bench:routing` run the same code.
import { CONTINUE_INTENT } from "@/lib/model/flow/interruptions";
import type { FlowGraph, NodeOf } from "@/lib/model/flow/schema";
import type { IntentCandidate } from "@/lib/runtime/routing/intent-classifier";
import {
  classifyRouterText,
  routerModeOf,
  type IntentModel,
  type RouterMode,
} from "@/lib/runtime/routing/router-model";

export type InterruptionDecision = {
  strategy: "classifier" | "rules";
  /** The classifier's mode (the model's own: what was trained is what ran). */
  mode?: RouterMode;
  candidates?: IntentCandidate[];
  predicted?: string;
  confidence?: number;
  threshold?: number;
  matchedRule?: string | null;
  chosen: string | null;
};

/** An interruption is a route (never the "continue" class) the classifier picks with at least `threshold`. */
export async function classifyInterruption(
  model: IntentModel,
  text: string,
  threshold: number,
): Promise<InterruptionDecision> {
  const prediction = await classifyRouterText(model, text);
  const interrupting = prediction.intent !== CONTINUE_INTENT && prediction.confidence >= threshold;
  return {
    strategy: "classifier",
    mode: routerModeOf(model),
    candidates: prediction.candidates,
    predicted: prediction.intent,
    confidence: prediction.confidence,
    threshold,
    chosen: interrupting ? prediction.intent : null,
  };
}

export type ChangeOfRequest = {
  /** What the trace and the audit trail record for the check. */
  output: {
    strategy: string;
    mode: RouterMode;
    check: "intent_switch";
    candidates: IntentCandidate[];
    predicted: string;
    confidence: number;
    threshold: number;
    current: string | null;
    chosen: string | null;
  };
  /** Set when the run leaves the waiting node: the router's route and the node it leads to. */
  to: { intent: string; label: string; confidence: number; nodeId: string } | null;
};

/**
 * A change of request is a route of the main router, other than the one the conversation is on and the ones the flow
 * excludes, that the router picks with at least `threshold` and that leads somewhere else than the node waiting for
 * the message.
 */
export async function decideChangeOfRequest(
  model: IntentModel,
  router: NodeOf<"router">,
  graph: FlowGraph,
  message: {
    text: string;
    current: string | null;
    waitingNodeId: string;
    threshold: number;
    /** Routes that never count as a change of request (the flow's catch-all). */
    never?: string[];
  },
): Promise<ChangeOfRequest> {
  const { text, current, waitingNodeId, threshold, never = [] } = message;
  const prediction = await classifyRouterText(model, text);
  const edge = graph.edges.find(
    (e) => e.source === router.id && e.sourceHandle === prediction.intent && e.kind === "control",
  );
  const switching =
    prediction.confidence >= threshold &&
    prediction.intent !== current &&
    !never.includes(prediction.intent) &&
    Boolean(edge) &&
    edge!.target !== waitingNodeId;
  const output = {
    strategy: "classifier",
    mode: routerModeOf(model),
    check: "intent_switch" as const,
    candidates: prediction.candidates,
    predicted: prediction.intent,
    confidence: prediction.confidence,
    threshold,
    current,
    chosen: switching ? prediction.intent : null,
  };
  if (!switching) return { output, to: null };
  const route = router.config.routes.find((r) => r.id === prediction.intent);
  return {
    output,
    to: {
      intent: prediction.intent,
      label: route?.label ?? prediction.intent,
      confidence: prediction.confidence,
      nodeId: edge!.target,
    },
  };
}
