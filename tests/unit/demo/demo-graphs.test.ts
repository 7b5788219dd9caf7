import { describe, expect, it } from "vitest";
import { bankingFlowGraph, routeIdFor, specialistFor } from "@/prisma/demo/banking-flow";
import { readBanking77 } from "@/prisma/demo/read-banking77";
import { retailFlowGraph } from "@/prisma/demo/retail-flow";
import { nodeOutputs } from "@/lib/model/flow/registry";
import { flowGraphSchema, type FlowGraph } from "@/lib/model/flow/schema";

function danglingEdges(graph: FlowGraph) {
  const ids = new Set(graph.nodes.map((n) => n.id));
  return graph.edges.filter((e) => !ids.has(e.source) || !ids.has(e.target));
}

function unknownHandles(graph: FlowGraph) {
  return graph.edges.filter((edge) => {
    if (edge.kind === "tool") return false; // permission links use the agent's "tools" handle
    const source = graph.nodes.find((n) => n.id === edge.source)!;
    return !nodeOutputs(source).some((output) => output.id === edge.sourceHandle);
  });
}

describe("the demo flows", () => {
  it("Retail support is a valid graph whose every route is wired", () => {
    const graph = flowGraphSchema.parse(retailFlowGraph());
    expect(danglingEdges(graph)).toEqual([]);
    expect(unknownHandles(graph)).toEqual([]);
    const router = graph.nodes.find((n) => n.kind === "router")!;
    for (const output of nodeOutputs(router)) {
      expect(
        graph.edges.some((e) => e.source === router.id && e.sourceHandle === output.id),
        output.id,
      ).toBe(true);
    }
  });

  it("Banking support routes all 77 BANKING77 intents", () => {
    const rows = readBanking77();
    expect(rows).toHaveLength(10003);
    const graph = flowGraphSchema.parse(bankingFlowGraph(rows));
    const router = graph.nodes.find((n) => n.kind === "router");
    expect(router?.kind === "router" && router.config.routes).toHaveLength(77);
    expect(danglingEdges(graph)).toEqual([]);
    expect(unknownHandles(graph)).toEqual([]);
  });

  it("sends card, cash and transfer intents to their specialists", () => {
    expect(specialistFor("card_arrival")).toBe("cards");
    expect(specialistFor("cash_withdrawal_charge")).toBe("cash");
    expect(specialistFor("cancel_transfer")).toBe("transfers");
    expect(specialistFor("top_up_failed")).toBe("top_ups");
    expect(specialistFor("verify_my_identity")).toBe("account");
    expect(routeIdFor("reverted_card_payment?")).toBe("reverted_card_payment");
  });
});
