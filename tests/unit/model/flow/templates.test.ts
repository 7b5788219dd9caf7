// The flow templates as data: each graph (and each sub-flow's) parses and validates without errors, ids are unique,
// route ids the cases expect exist, and every case parses as an evaluation case.
import { describe, expect, it } from "vitest";
import { caseExpectationsSchema, caseTurnsSchema } from "@/lib/features/evals/expectations";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import { FLOW_TEMPLATES, TEMPLATE_CHOICES } from "@/lib/model/flow/templates";
import { validateFlow } from "@/lib/model/validation/validate-flow";

describe.each(FLOW_TEMPLATES.map((t) => [t.id, t] as const))("the %s template", (_id, template) => {
  const graphs = [
    template.graph({ slug: "desk" }),
    ...(template.subflows ?? []).map((sub) => sub.graph({ slug: "desk" })),
  ];

  it("is a valid flow, and so is each sub-flow", () => {
    for (const input of graphs) {
      const graph = flowGraphSchema.parse(input);
      expect(validateFlow(graph).filter((issue) => issue.severity === "error")).toEqual([]);
    }
  });

  it("has cases that parse, expecting only routes its routers have", () => {
    const graph = flowGraphSchema.parse(graphs[0]);
    const routes = new Set(graph.nodes.flatMap((n) => (n.kind === "router" ? n.config.routes.map((r) => r.id) : [])));
    expect(template.suite.cases.length).toBeGreaterThanOrEqual(4);
    for (const c of template.suite.cases) {
      caseTurnsSchema.parse(c.turns);
      const expectations = caseExpectationsSchema.parse(c.expectations);
      for (const route of expectations.routes ?? []) if (route !== null) expect(routes, c.name).toContain(route);
    }
  });
});

describe("the template list", () => {
  it("offers at least six templates with distinct ids and a summary each, and no graphs to the picker", () => {
    expect(FLOW_TEMPLATES.length).toBeGreaterThanOrEqual(6);
    expect(new Set(FLOW_TEMPLATES.map((t) => t.id)).size).toBe(FLOW_TEMPLATES.length);
    for (const choice of TEMPLATE_CHOICES) {
      expect(choice.summary.length).toBeGreaterThan(40);
      expect(Object.keys(choice).filter((key) => !["id", "name", "summary", "note"].includes(key))).toEqual([]);
    }
  });
});
