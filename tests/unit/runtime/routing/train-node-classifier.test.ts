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

  it("carries the mode of the router or of the interruption check", () => {
    const router = node("router") as NodeOf<"router">;
    const start = node("start") as NodeOf<"start">;
    expect(nodeTrainingSet(graph, router)!.mode).toBe("fast");
    const semanticRouter = { ...router, config: { ...router.config, mode: "semantic" as const } };
    expect(nodeTrainingSet(graph, semanticRouter)!.mode).toBe("semantic");
    const interruptions = { ...start.config.interruptions, mode: "semantic" as const };
    expect(nodeTrainingSet(graph, { ...start, config: { ...start.config, interruptions } })!.mode).toBe("semantic");
  });

  it("is null for nodes that route without a trained model", () => {
    expect(nodeTrainingSet(graph, node("agent"))).toBeNull();
  });
});

describe("trainNodeClassifier", () => {
  it("trains the same bytes every time, as publishing relies on", async () => {
    const set = nodeTrainingSet(graph, node("router"))!;
    expect(serializeIntentModel(await trainNodeClassifier(set))).toEqual(
      serializeIntentModel(await trainNodeClassifier(set)),
    );
  });
});
