import { describe, expect, it } from "vitest";
import { diffFlows, summarizeDiff, type FlowDiff } from "@/lib/model/flow/diff-flow";
import { retailFlowGraph } from "@/prisma/demo/retail-flow";
import { flowEdgeSchema, flowGraphSchema, routeSchema, type FlowGraph } from "@/lib/model/flow/schema";
import { graph, link, node, permit, reply, route } from "@/tests/support/flow-builders";

const router = (routes = [route("refund"), route("cancel"), route("status")]) =>
  node("router", "router", { routes }, "Intent router");

function before(): FlowGraph {
  return graph(
    [node("start", "start"), router(), reply("agent", "Hello"), node("done", "end")],
    [link("start", "router"), link("router", "agent", "refund", "e-refund"), link("agent", "done")],
  );
}

const edit = (mutate: (g: FlowGraph) => void): FlowGraph => {
  const copy = structuredClone(before());
  mutate(copy);
  return copy;
};

const savedRoute = (id: string) => routeSchema.parse(route(id));
const nodeChanges = (diff: FlowDiff, id: string) => diff.nodes.changed.find((change) => change.id === id);

describe("diffFlows", () => {
  it("finds nothing between identical graphs", () => {
    const diff = diffFlows(before(), before());
    expect(diff.isEmpty).toBe(true);
    expect(summarizeDiff(diff)).toBe("No changes");
    const retail = flowGraphSchema.parse(retailFlowGraph());
    expect(diffFlows(retail, structuredClone(retail)).isEmpty).toBe(true);
  });

  it("lists added and removed nodes and edges by id", () => {
    const after = edit((g) => {
      g.nodes = g.nodes.filter((n) => n.id !== "done");
      g.nodes.push(graph([node("people", "escalate", { reason: "Asked", message: "Hold on." })], []).nodes[0]);
      g.edges = g.edges.filter((e) => e.id !== "agent-out-done");
      g.edges.push(flowEdgeSchema.parse(link("router", "people", "cancel")));
    });
    const diff = diffFlows(before(), after);
    expect(diff.nodes).toEqual({ added: ["people"], removed: ["done"], changed: [] });
    expect(diff.edges).toEqual({ added: ["router-cancel-people"], removed: ["agent-out-done"], changed: [] });
    expect(diff.isEmpty).toBe(false);
    expect(summarizeDiff(diff)).toBe("1 node added, 1 removed, 1 edge added, 1 removed");
  });

  it("counts a move as a change, without field changes", () => {
    const diff = diffFlows(
      before(),
      edit((g) => (g.nodes[2].position = { x: 40, y: 80 })),
    );
    expect(diff.nodes.changed).toEqual([{ id: "agent", moved: true, changes: [] }]);
    expect(diff.isEmpty).toBe(false);
    expect(summarizeDiff(diff)).toBe("1 node moved");
  });

  it("gives nested config changes a readable path", () => {
    const diff = diffFlows(
      before(),
      edit((g) => {
        const r = g.nodes[1];
        if (r.kind !== "router") throw new Error("fixture");
        r.label = "Main router";
        r.config.threshold = 0.7;
        r.config.routes[2].label = "Where is my order";
        r.config.routes[0].examples = [...r.config.routes[0].examples, "money back"];
      }),
    );
    expect(nodeChanges(diff, "router")).toEqual({
      id: "router",
      moved: false,
      changes: [
        { path: "label", before: "Intent router", after: "Main router" },
        { path: "config.threshold", before: 0.5, after: 0.7 },
        {
          path: "config.routes[0].examples",
          before: route("refund").examples,
          after: [...route("refund").examples, "money back"],
        },
        { path: "config.routes[2].label", before: "status", after: "Where is my order" },
      ],
    });
    expect(summarizeDiff(diff)).toBe("1 node changed");
  });

  it("matches routes by id, so removing one is one change and a reorder is reported once", () => {
    const removed = diffFlows(
      before(),
      graph([node("start", "start"), router([route("cancel"), route("status")])], []),
    );
    expect(nodeChanges(removed, "router")?.changes).toEqual([
      { path: "config.routes[0]", before: savedRoute("refund"), after: undefined },
    ]);
    const reordered = diffFlows(
      before(),
      graph([node("start", "start"), router([route("status"), route("refund"), route("cancel")])], []),
    );
    expect(nodeChanges(reordered, "router")?.changes).toEqual([
      { path: "config.routes", before: ["refund", "cancel", "status"], after: ["status", "refund", "cancel"] },
    ]);
    const added = diffFlows(
      before(),
      graph(
        [node("start", "start"), router([route("refund"), route("cancel"), route("status"), route("billing")])],
        [],
      ),
    );
    expect(nodeChanges(added, "router")?.changes).toEqual([
      { path: "config.routes[3]", before: undefined, after: savedRoute("billing") },
    ]);
  });

  it("reports edge rewiring and permission changes field by field", () => {
    const perm = (ratePerMinute: number) =>
      graph([reply("agent", "Hi"), node("orders", "tool")], [permit("agent", "orders", { ratePerMinute })]);
    const diff = diffFlows(perm(10), perm(60));
    expect(diff.edges.changed).toEqual([
      { id: "perm-agent-orders", changes: [{ path: "permission.ratePerMinute", before: 10, after: 60 }] },
    ]);
    const rewired = diffFlows(
      before(),
      edit((g) => (g.edges[1].sourceHandle = "cancel")),
    );
    expect(rewired.edges.changed).toEqual([
      { id: "e-refund", changes: [{ path: "sourceHandle", before: "refund", after: "cancel" }] },
    ]);
    expect(summarizeDiff(rewired)).toBe("1 edge changed");
  });

  it("summarises several kinds of change in one line", () => {
    const after = edit((g) => {
      g.nodes[0].position = { x: 5, y: 5 };
      g.nodes[2].label = "Greeter";
      g.nodes[3].position = { x: 9, y: 9 };
      g.edges = g.edges.slice(1);
    });
    expect(summarizeDiff(diffFlows(before(), after))).toBe("1 node changed, 2 moved, 1 edge removed");
  });
});
