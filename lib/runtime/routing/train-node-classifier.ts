// What publishing trains for a node, apart from the database and its cache (lib/features/flows/publish-flow.ts), so
// that `bench:routing` measures the very model a published version carries.
import { interruptionExamples, needsInterruptionModel } from "@/lib/model/flow/interruptions";
import type { FlowGraph, FlowNode } from "@/lib/model/flow/schema";
import type { IntentModel } from "./intent-model";
import { trainRouterModel, type RouterMode } from "./router-model";
import type { TrainingExample } from "./train-intent-classifier";

/** Fixed, so that a version always routes the same way and retraining the same examples gives the same bytes. */
export const PUBLISH_TRAINING_SEED = 7;

export type NodeTrainingSet = { examples: TrainingExample[]; intents: string[]; mode: RouterMode };

/**
 * The examples and classes of a node that routes with a trained classifier: a classifier router, or the start node's
 * interruptions (its routes plus the "continue" class, see lib/model/flow/interruptions.ts). Null for other nodes.
 */
export function nodeTrainingSet(graph: FlowGraph, node: FlowNode): NodeTrainingSet | null {
  if (node.kind === "router" && node.config.strategy === "classifier") {
    return {
      examples: node.config.routes.flatMap((route) => route.examples.map((text) => ({ text, intent: route.id }))),
      intents: node.config.routes.map((route) => route.id),
      mode: node.config.mode,
    };
  }
  if (needsInterruptionModel(node)) {
    const examples = interruptionExamples(graph, node);
    return {
      examples,
      intents: [...new Set(examples.map((example) => example.intent))],
      mode: node.config.interruptions.mode,
    };
  }
  return null;
}

/** In the node's mode: a semantic model runs the sentence encoder over every example, once per published version. */
export function trainNodeClassifier(set: NodeTrainingSet): Promise<IntentModel> {
  return trainRouterModel(set.examples, { seed: PUBLISH_TRAINING_SEED, mode: set.mode });
}
