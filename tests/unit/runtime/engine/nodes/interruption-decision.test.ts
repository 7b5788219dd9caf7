// The start node's decisions on the Retail demo's own models, trained as publishing trains them: what the engine
// (check-interruptions.ts) and bench:routing both run, without a database.
import { describe, expect, it } from "vitest";
import { CONTINUE_INTENT, mainRouter } from "@/lib/model/flow/interruptions";
import { flowGraphSchema, type NodeOf } from "@/lib/model/flow/schema";
import { classifyInterruption, decideChangeOfRequest } from "@/lib/runtime/engine/nodes/interruption-decision";
import { nodeTrainingSet, trainNodeClassifier } from "@/lib/runtime/routing/train-node-classifier";
import { retailFlowGraph } from "@/prisma/demo/retail-flow";

const graph = flowGraphSchema.parse(retailFlowGraph());
const start = graph.nodes.find((n): n is NodeOf<"start"> => n.kind === "start")!;
const router = mainRouter(graph)!;
const interruptions = await trainNodeClassifier(nodeTrainingSet(graph, start)!);
const routing = await trainNodeClassifier(nodeTrainingSet(graph, router)!);

describe("classifyInterruption", () => {
  it("takes a request for a person and lets an answer through", async () => {
    expect((await classifyInterruption(interruptions, "I want to talk to a human", 0.6)).chosen).toBe("ask_person");
    const answer = await classifyInterruption(interruptions, "A1001", 0.6);
    expect(answer).toMatchObject({ strategy: "classifier", mode: "fast", predicted: CONTINUE_INTENT, chosen: null });
  });

  it("is no interruption below the threshold", async () => {
    const decision = await classifyInterruption(interruptions, "I want to talk to a human", 1);
    expect(decision.predicted).toBe("ask_person");
    expect(decision.chosen).toBeNull();
  });
});

describe("decideChangeOfRequest", () => {
  const waiting = { current: "order_status", waitingNodeId: "order_status_agent", threshold: 0.7 };
  const cancel = "actually, forget that, I want to cancel order A1003";

  it("leaves the waiting node for another route's node", async () => {
    const decision = await decideChangeOfRequest(routing, router, graph, { text: cancel, ...waiting });
    expect(decision.output).toMatchObject({
      mode: "fast",
      check: "intent_switch",
      current: "order_status",
      chosen: "cancel_order",
    });
    // The route's first node: its Verify customer node, which a verified customer passes on to the cancel agent.
    expect(decision.to).toMatchObject({
      intent: "cancel_order",
      label: "Cancel order",
      nodeId: "verify_cancel_order",
    });
  });

  it("stays when the message is about the current request", async () => {
    const decision = await decideChangeOfRequest(routing, router, graph, {
      text: cancel,
      ...waiting,
      current: "cancel_order",
    });
    expect(decision.to).toBeNull();
    expect(decision.output.chosen).toBeNull();
  });
});
