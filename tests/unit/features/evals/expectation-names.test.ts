// A case may name only routes and tools its suite's flow has: a typo is refused with the bad value named and a close
// match suggested, and the demo suites name nothing their flows lack.
import { describe, expect, it } from "vitest";
import { mergeFlowNames, unknownNames, type FlowNames } from "@/lib/features/evals/expectation-names";
import { flowRouteNames, flowToolNames } from "@/lib/model/flow/flow-names";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import { bankingFlowGraph } from "@/prisma/demo/banking-flow";
import { readBanking77 } from "@/prisma/demo/read-banking77";
import { retailFlowGraph } from "@/prisma/demo/retail-flow";
import { DEMO_EVAL_SUITES } from "@/prisma/demo/seed-eval-suites";

const retail = flowGraphSchema.parse(retailFlowGraph());
const names = (nodes: typeof retail.nodes): FlowNames => ({
  routes: flowRouteNames(nodes),
  tools: flowToolNames(nodes),
});

describe("the names a flow offers cases", () => {
  it("calls a tool by the name the engine and traces use, labelled by its node", () => {
    const tools = flowToolNames(retail.nodes);
    expect(tools).toContainEqual({ name: "lookup_order", label: "Order lookup" });
    expect(tools.map((t) => t.name)).not.toContain("order_lookup"); // the node's id is not the tool's name
    const routes = flowRouteNames(retail.nodes);
    expect(routes.map((r) => r.name)).toEqual(expect.arrayContaining(["order_status", "refund", "low_confidence"]));
  });

  it("an HTTP tool or a remote agent goes by its node's id", () => {
    const nodes = [
      { id: "crm", kind: "tool", label: "CRM", config: { source: "http", builtin: "lookup_order" } },
      { id: "partner", kind: "remote_agent", label: "Partner", config: {} },
    ];
    expect(flowToolNames(nodes).map((t) => t.name)).toEqual(["crm", "partner"]);
  });
});

describe("unknownNames", () => {
  const known = names(retail.nodes);

  it("accepts names the flow has, and any route", () => {
    expect(
      unknownNames(
        { routes: ["order_status", null, "low_confidence"], toolsCalled: ["lookup_order"], toolsNotCalled: [] },
        known,
      ),
    ).toEqual([]);
  });

  it("names each unknown value at its field, with a close match", () => {
    const problems = unknownNames(
      { routes: [null, "order_statsu"], toolsCalled: ["order_lookup"], toolsNotCalled: ["teleport"] },
      known,
    );
    expect(problems).toEqual([
      {
        field: "expectations.routes",
        message: expect.stringMatching(/^“order_statsu” is not a route of this flow\. Did you mean order_status\?/),
      },
      {
        field: "expectations.toolsCalled",
        message: expect.stringMatching(/^“order_lookup” is not a tool of this flow\. Did you mean lookup_order\?/),
      },
      {
        field: "expectations.toolsNotCalled",
        message: expect.stringMatching(
          /^“teleport” is not a tool of this flow\. Its tools: Order lookup \(lookup_order\)/,
        ),
      },
    ]);
  });

  it("says so when the flow has no routes or tools at all", () => {
    expect(unknownNames({ routes: ["refund"] }, { routes: [], tools: [] })).toEqual([
      { field: "expectations.routes", message: "“refund” is not a route of this flow: it has no routes." },
    ]);
  });

  it("takes the names of the draft and the live version together", () => {
    const merged = mergeFlowNames([
      { routes: [{ name: "a", label: "A" }], tools: [] },
      {
        routes: [
          { name: "a", label: "Old A" },
          { name: "b", label: "B" },
        ],
        tools: [{ name: "t", label: "T" }],
      },
    ]);
    expect(merged).toEqual({
      routes: [
        { name: "a", label: "A" },
        { name: "b", label: "B" },
      ],
      tools: [{ name: "t", label: "T" }],
    });
  });

  it("finds nothing unknown in the demo suites", () => {
    const flows: Record<string, FlowNames> = {
      "retail-support": known,
      "banking-support": names(flowGraphSchema.parse(bankingFlowGraph(readBanking77())).nodes),
    };
    for (const suite of DEMO_EVAL_SUITES)
      for (const c of suite.cases) expect(unknownNames(c.expectations, flows[suite.flowSlug]), c.name).toEqual([]);
  });
});
