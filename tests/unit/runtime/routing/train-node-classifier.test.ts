import { describe, expect, it } from "vitest";
import { CONTINUE_INTENT, interruptionExamples } from "@/lib/model/flow/interruptions";
import { flowGraphSchema, type NodeOf } from "@/lib/model/flow/schema";
import { serializeIntentModel } from "@/lib/runtime/routing/serialize-intent-model";
import { nodeTrainingSet, trainNodeClassifier } from "@/lib/runtime/routing/train-node-classifier";
import { retailFlowGraph } from "@/prisma/demo/retail-flow";

const graph = flowGraphSchema.parse(retailFlowGraph());
const node = (kind: string) => graph.nodes.find((n) => n.kind === kind)!;

describe("nodeTrainingSet", () => {
  it("is a classifier router's route examples, one class per route", () => {
    const router = node("router") as NodeOf<"router">;
    const set = nodeTrainingSet(graph, router)!;
    expect(set.intents).toEqual(router.config.routes.map((route) => route.id));
    expect(set.examples).toHaveLength(router.config.routes.reduce((n, route) => n + route.examples.length, 0));
  });

  it("is the start node's interruption routes plus the continue class", () => {
    const start = node("start") as NodeOf<"start">;
    const set = nodeTrainingSet(graph, start)!;
    expect(set.examples).toEqual(interruptionExamples(graph, start));
    expect(set.intents).toEqual([...start.config.interruptions.routes.map((route) => route.id), CONTINUE_INTENT]);
  });

  it("is null for nodes that route without a trained model", () => {
    expect(nodeTrainingSet(graph, node("agent"))).toBeNull();
  });
});

describe("trainNodeClassifier", () => {
  it("trains the same bytes every time, as publishing relies on", () => {
    const set = nodeTrainingSet(graph, node("router"))!;
    expect(serializeIntentModel(trainNodeClassifier(set))).toEqual(serializeIntentModel(trainNodeClassifier(set)));
  });
});
