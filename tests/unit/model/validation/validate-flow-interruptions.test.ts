// The start node's interruption settings: ids of their own, and routes that "never switch to" can actually skip.
import { describe, expect, it } from "vitest";
import { retailFlowGraph } from "@/prisma/demo/retail-flow";
import { flowGraphSchema, type FlowGraph } from "@/lib/model/flow/schema";
import { validateFlow } from "@/lib/model/validation/validate-flow";
import { only } from "@/tests/unit/model/validation/validate-flow-helpers";

function retailWith(change: (interruptions: Record<string, unknown>) => void): FlowGraph {
  const graph = flowGraphSchema.parse(retailFlowGraph());
  const start = graph.nodes.find((node) => node.kind === "start")!;
  if (start.kind === "start") change(start.config.interruptions as Record<string, unknown>);
  return graph;
}

describe("validateFlow: interruptions", () => {
  it("warns when a route to never switch to is not a route of the flow's main router", () => {
    const issues = only(
      validateFlow(retailWith((i) => (i.neverSwitchTo = ["out_of_scope", "no_such_route"]))),
      "unknown_route",
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      severity: "warning",
      nodeId: "start",
      path: ["interruptions", "neverSwitchTo", 1],
    });
    expect(issues[0].message).toMatch(/no_such_route/);
  });

  it("rejects an interruption id used twice", () => {
    const graph = retailWith((i) => {
      const routes = i.routes as { id: string }[];
      routes[1] = { ...routes[1], id: routes[0].id };
    });
    expect(only(validateFlow(graph), "duplicate_id").map((issue) => issue.severity)).toContain("error");
  });
});
