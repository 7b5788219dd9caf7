// validateFlow on the shape of the graph: one start, reachability, links, unwired outputs and loops.
import { describe, expect, it } from "vitest";
import { hasBlockingIssues, validateFlow } from "@/lib/model/validation/validate-flow";
import { graphInput, link, lookupAgent, node, orderTool, permit, reply, route } from "@/tests/support/flow-builders";
import { codes, end, flow, only } from "@/tests/unit/model/validation/validate-flow-helpers";

describe("validateFlow: one start", () => {
  it("needs a start node", () => {
    expect(codes(validateFlow(graphInput([end()], [])))).toEqual(["no_start"]);
  });

  it("refuses a second start", () => {
    const issues = validateFlow(flow([end(), node("start2", "start", {}, "Second door")], [link("start2", "done")]));
    expect(only(issues, "multiple_starts")).toEqual([expect.objectContaining({ nodeId: "start2" })]);
  });
});

describe("validateFlow: reachability", () => {
  it("flags a node no path reaches", () => {
    const issues = validateFlow(flow([end(), reply("orphan", "Hi", {})], []));
    expect(only(issues, "unreachable")).toEqual([
      expect.objectContaining({
        nodeId: "orphan",
        severity: "error",
        message: "“orphan” can never run: no path from the Start node leads to it.",
      }),
    ]);
  });

  it("counts a tool as reachable when a reachable agent may call it, not when only an unreachable one may", () => {
    const ok = validateFlow(
      flow([lookupAgent("status"), orderTool()], [permit("status", "orders", { ratePerMinute: 10 })]),
    );
    expect(ok).toEqual([]);
    const issues = validateFlow(flow([end(), lookupAgent("status"), orderTool()], [permit("status", "orders")]));
    expect(only(issues, "unreachable").map((issue) => issue.nodeId)).toEqual(["status", "orders"]);
  });
});

describe("validateFlow: links", () => {
  it("flags a link to a node that no longer exists", () => {
    const issues = validateFlow(flow([reply("hello")], [link("hello", "ghost")]));
    expect(only(issues, "dangling_edge")).toEqual([
      expect.objectContaining({
        edgeId: "hello-out-ghost",
        nodeId: "hello",
        message: "A link from “hello” leads to a node that no longer exists (“ghost”); delete the link.",
      }),
    ]);
  });

  it("flags a link from an output the node does not have", () => {
    const issues = validateFlow(flow([reply("hello"), end()], [link("hello", "done", "yes")]));
    expect(only(issues, "bad_handle")).toEqual([
      expect.objectContaining({
        edgeId: "hello-yes-done",
        message: "The link from “hello” to “Done” is not allowed: “hello” has no output called “yes”.",
      }),
    ]);
  });

  it("flags links into a start node and tool links that do not go agent → tool", () => {
    const issues = validateFlow(
      flow(
        [
          reply("hello"),
          node("cond", "condition", { branches: [{ id: "yes", label: "Yes", expression: "true" }] }),
          orderTool(),
        ],
        [
          link("hello", "cond"),
          link("cond", "start", "yes"),
          link("cond", "hello", "else"),
          {
            id: "wrong-tool",
            kind: "tool",
            source: "cond",
            sourceHandle: "tools",
            target: "orders",
            targetHandle: "permission",
          },
          {
            id: "drawn-as-control",
            kind: "control",
            source: "hello",
            sourceHandle: "tools",
            target: "orders",
            targetHandle: "permission",
          },
        ],
      ),
    );
    expect(
      only(issues, "bad_handle")
        .map((issue) => issue.edgeId)
        .sort(),
    ).toEqual(["cond-yes-start", "drawn-as-control", "wrong-tool"]);
  });

  it("flags a tool permission saved backwards", () => {
    const backwards = {
      id: "backwards",
      kind: "tool" as const,
      source: "orders",
      sourceHandle: "permission",
      target: "hello",
      targetHandle: "tools",
    };
    const issues = validateFlow(flow([reply("hello"), orderTool()], [backwards]));
    expect(only(issues, "bad_handle")).toEqual([
      expect.objectContaining({ edgeId: "backwards", message: expect.stringContaining("saved backwards") }),
    ]);
  });

  it("flags an output wired to two nodes and a repeated permission", () => {
    const issues = validateFlow(
      flow(
        [lookupAgent("status"), end("a"), end("b"), orderTool()],
        [
          link("status", "a"),
          link("status", "b"),
          permit("status", "orders", { ratePerMinute: 5 }),
          { ...permit("status", "orders"), id: "again" },
        ],
      ),
    );
    expect(only(issues, "duplicate_edge").map((issue) => issue.edgeId)).toEqual(["status-out-b", "again"]);
  });
});

describe("validateFlow: unwired outputs", () => {
  it("warns about unwired routes, and that low-confidence messages get no answer", () => {
    const router = node("router", "router", { routes: [route("refund"), route("cancel")] }, "Intent router");
    const issues = validateFlow(flow([router, reply("refund")], [link("router", "refund", "refund")]));
    expect(hasBlockingIssues(issues)).toBe(false);
    expect(only(issues, "unwired_output")).toEqual([
      {
        severity: "warning",
        code: "unwired_output",
        nodeId: "router",
        path: ["routes", 1],
        message: "Messages that “Intent router” routes to “cancel” will get no answer: that route is not connected.",
      },
      {
        severity: "warning",
        code: "unwired_output",
        nodeId: "router",
        message:
          "When it is not confident, “Intent router” sends the message down its low confidence output, which is not connected, so low-confidence messages will get no answer.",
      },
    ]);
  });

  it("warns about a condition's else and a guardrail's violation output", () => {
    const condition = node(
      "cond",
      "condition",
      { branches: [{ id: "big", label: "Big order", expression: "state.total > 100" }] },
      "Order size",
    );
    const guard = node("guard", "guardrail", {}, "PII filter");
    const issues = validateFlow(
      flow([guard, condition, end()], [link("guard", "cond", "pass"), link("cond", "done", "big")]),
    );
    expect(only(issues, "unwired_output").map((issue) => issue.message)).toEqual([
      "The “violation” output of “PII filter” is not connected, so that path ends without a reply.",
      "When no branch of “Order size” matches, the turn ends without a reply: connect its else output.",
    ]);
  });
});

describe("validateFlow: loops", () => {
  const condition = () =>
    node("cond", "condition", { branches: [{ id: "again", label: "Again", expression: "state.tries < 3" }] }, "Retry?");
  const count = () =>
    node("count", "set_memory", { assignments: [{ key: "tries", value: "{{state.tries}}" }] }, "Count try");

  it("refuses a loop with no wait point", () => {
    const issues = validateFlow(
      flow(
        [condition(), count(), end()],
        [link("cond", "count", "again"), link("count", "cond"), link("cond", "done", "else")],
      ),
    );
    expect(only(issues, "loop_without_wait")).toEqual([
      expect.objectContaining({
        nodeId: "cond",
        message: expect.stringContaining("“Retry?” and “Count try” form a loop with no wait point"),
      }),
    ]);
  });

  it("refuses a node that leads straight back to itself", () => {
    const issues = validateFlow(flow([count()], [link("count", "count")]));
    expect(only(issues, "loop_without_wait")).toHaveLength(1);
  });

  it("accepts a loop through an agent, which waits for the customer", () => {
    const issues = validateFlow(
      flow(
        [condition(), reply("ask", "Try again?"), end()],
        [link("cond", "ask", "again"), link("ask", "cond"), link("cond", "done", "else")],
      ),
    );
    expect(issues).toEqual([]);
  });
});
