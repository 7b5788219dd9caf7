import { describe, expect, it } from "vitest";
import { bankingFlowGraph } from "@/prisma/demo/banking-flow";
import { readBanking77 } from "@/prisma/demo/read-banking77";
import { retailFlowGraph } from "@/prisma/demo/retail-flow";
import { flowGraphSchema, type FlowGraphInput } from "@/lib/model/flow/schema";
import { hasBlockingIssues, validateFlow, type FlowIssue } from "@/lib/model/validation/validate-flow";
import {
  examples,
  graphInput,
  link,
  lookupAgent,
  node,
  orderTool,
  permit,
  reply,
  route,
} from "@/tests/support/flow-builders";

const start = () => node("start", "start", {}, "Chat");
const end = (id = "done") => node(id, "end", {}, "Done");

/** Start → the given first node, plus whatever else the test adds. */
function flow(nodes: FlowGraphInput["nodes"], edges: FlowGraphInput["edges"], first = nodes[0]?.id): FlowGraphInput {
  return graphInput([start(), ...nodes], [...(first ? [link("start", first)] : []), ...edges]);
}

const only = (issues: FlowIssue[], code: string) => issues.filter((issue) => issue.code === code);
const codes = (issues: FlowIssue[]) => [...new Set(issues.map((issue) => issue.code))].sort();

describe("validateFlow: the demo flows", () => {
  it("Retail support has no issues", () => {
    expect(validateFlow(flowGraphSchema.parse(retailFlowGraph()))).toEqual([]);
  });

  it("Banking support has no errors", () => {
    const issues = validateFlow(flowGraphSchema.parse(bankingFlowGraph(readBanking77())));
    expect(issues.filter((issue) => issue.severity === "error")).toEqual([]);
  });
});

describe("validateFlow: a flow that follows every rule", () => {
  it("reports nothing", () => {
    expect(validateFlow(flow([reply("hello"), end()], [link("hello", "done")]))).toEqual([]);
  });
});

describe("validateFlow: schema failures become precise issues", () => {
  it("points a bad setting at its node and its path inside the config, and keeps checking the rest", () => {
    const router = node(
      "router",
      "router",
      { routes: [route("refund"), route("cancel", { label: "" })] },
      "Intent router",
    );
    const issues = validateFlow(
      flow(
        [router, reply("refund"), reply("cancel"), reply("stray")],
        [
          link("router", "refund", "refund"),
          link("router", "cancel", "cancel"),
          link("router", "refund", "low_confidence"),
        ],
      ),
    );
    expect(only(issues, "invalid_config")).toEqual([
      {
        severity: "error",
        code: "invalid_config",
        message: "“Intent router”: routes[1].label — Give it a name.",
        nodeId: "router",
        path: ["routes", 1, "label"],
      },
    ]);
    expect(only(issues, "unreachable").map((issue) => issue.nodeId)).toEqual(["stray"]);
  });

  it("treats a node with bad settings as present, so links to it do not dangle and what follows stays reachable", () => {
    const escalate = node("people", "escalate", { reason: "", message: "Someone will reply." }, "Care team");
    const issues = validateFlow(flow([escalate], []));
    expect(codes(issues)).toEqual(["invalid_config"]);
    expect(issues[0]).toMatchObject({
      nodeId: "people",
      path: ["reason"],
      message: "“Care team”: reason — Say why it escalates.",
    });
  });

  it("points a missing name at the label", () => {
    const issues = validateFlow(flow([node("hello", "agent", { reply: "Hi" }, "  ")], []));
    expect(issues).toEqual([
      {
        severity: "error",
        code: "invalid_node",
        nodeId: "hello",
        path: ["label"],
        message: "“hello”: label — Give it a name.",
      },
    ]);
  });

  it("reports unknown kinds and missing ids", () => {
    const issues = validateFlow(
      flow(
        [
          { id: "x", kind: "teleport", label: "Beam", position: { x: 0, y: 0 }, config: {} } as never,
          { kind: "end" } as never,
        ],
        [],
      ),
    );
    expect(only(issues, "unknown_kind")).toEqual([
      expect.objectContaining({
        nodeId: "x",
        message: "“Beam” is a “teleport” node, which this Switchboard does not know.",
      }),
    ]);
    expect(only(issues, "invalid_node")).toEqual([expect.objectContaining({ message: "Node 3 has no id." })]);
  });

  it("keeps a node whose id has bad characters, and follows malformed links, so nothing after them looks unreachable", () => {
    const issues = validateFlow(
      flow([reply("say hi", "Hi"), node("done", "end")], [{ id: "e", source: "say hi", target: "done" } as never]),
    );
    expect(codes(issues)).toEqual(["invalid_edge", "invalid_node"]);
    expect(only(issues, "invalid_node")).toEqual([
      expect.objectContaining({ nodeId: "say hi", message: "“say hi”: id — Use letters, digits, - and _ only." }),
    ]);
  });

  it("reports duplicate node and edge ids", () => {
    const issues = validateFlow(
      flow(
        [reply("hello"), reply("hello", "Again"), end()],
        [link("hello", "done", "out", "e1"), link("hello", "done", "out", "e1")],
      ),
    );
    expect(only(issues, "duplicate_id")).toEqual([
      expect.objectContaining({
        nodeId: "hello",
        message: "Two nodes share the id “hello” (“hello” and “hello”); give one a new id.",
      }),
      expect.objectContaining({ edgeId: "e1" }),
    ]);
  });

  it("reports a newer schema version and never throws on garbage", () => {
    expect(only(validateFlow({ ...flow([end()], []), schemaVersion: 2 }), "unsupported_version")).toHaveLength(1);
    for (const garbage of [
      null,
      42,
      "graph",
      [],
      { nodes: "x" },
      { schemaVersion: 1, nodes: [null, 7], edges: [null] },
      { schemaVersion: 1, nodes: [] },
    ]) {
      const issues = validateFlow(garbage);
      expect(hasBlockingIssues(issues), JSON.stringify(garbage)).toBe(true);
    }
  });

  it("says so when edges are malformed", () => {
    const issues = validateFlow(flow([end()], [{ id: "bad", source: "start", target: "" } as never]));
    expect(only(issues, "invalid_edge")).toEqual([expect.objectContaining({ edgeId: "bad" })]);
  });
});

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

describe("validateFlow: routes", () => {
  const router = (strategy: string, routes: unknown[]) =>
    node("router", "router", { strategy, routes }, "Intent router");
  const wired = (strategy: string, routes: { id: string }[]) =>
    validateFlow(
      flow(
        [router(strategy, routes), end()],
        [...routes.map((r) => link("router", "done", r.id)), link("router", "done", "low_confidence")],
      ),
    );

  it("needs examples for the classifier, and warns below five", () => {
    const issues = wired("classifier", [
      route("refund", { examples: [] }),
      route("cancel", { examples: examples("cancel", 3) }),
      route("status"),
    ]);
    expect(issues.map(({ code, severity, path }) => ({ code, severity, path }))).toEqual([
      { code: "missing_examples", severity: "error", path: ["routes", 0, "examples"] },
      { code: "few_examples", severity: "warning", path: ["routes", 1, "examples"] },
    ]);
  });

  it("warns when two routes share an example", () => {
    const issues = wired("classifier", [
      route("refund"),
      route("cancel", { examples: [...examples("cancel"), "Refund question 2"] }),
    ]);
    expect(issues).toEqual([
      expect.objectContaining({ code: "conflicting_examples", path: ["routes", 1, "examples", 5] }),
    ]);
  });

  it("needs a rule that parses for the rules strategy", () => {
    expect(
      wired("rules", [route("big", { rule: "state.total > 100" }), route("vip", { rule: 'intent == "vip"' })]),
    ).toEqual([]);
    const issues = wired("rules", [route("big", { rule: "state.total >" }), route("vip", { rule: "" })]);
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: "bad_expression", path: ["routes", 0, "rule"] },
      { code: "missing_rule", path: ["routes", 1, "rule"] },
    ]);
  });

  it("needs a description for the LLM strategy", () => {
    const issues = wired("llm", [route("refund", { description: "Money back" }), route("cancel")]);
    expect(only(issues, "missing_description")).toEqual([
      expect.objectContaining({ path: ["routes", 1, "description"] }),
    ]);
  });

  it("refuses duplicate route ids and the reserved low_confidence id", () => {
    const issues = wired("classifier", [route("refund"), route("refund"), route("low_confidence")]);
    expect(only(issues, "duplicate_id").filter((issue) => issue.nodeId === "router")).toEqual([
      expect.objectContaining({ path: ["routes", 1, "id"] }),
    ]);
    expect(only(issues, "reserved_id")).toEqual([expect.objectContaining({ path: ["routes", 2, "id"] })]);
  });
});

describe("validateFlow: condition expressions", () => {
  const condition = (expression: string) =>
    node("cond", "condition", { branches: [{ id: "big", label: "Big", expression }] }, "Order size");
  const check = (expression: string) =>
    validateFlow(flow([condition(expression), end()], [link("cond", "done", "big"), link("cond", "done", "else")]));

  it("accepts a valid expression and points at a broken one", () => {
    expect(check('state.total > 100 and intent == "refund"')).toEqual([]);
    expect(check("state.total > > 100")).toEqual([
      expect.objectContaining({ code: "bad_expression", nodeId: "cond", path: ["branches", 0, "expression"] }),
    ]);
  });
});

describe("validateFlow: tool permissions", () => {
  it("requires a permission link to a tool node running the agent's tool", () => {
    expect(only(validateFlow(flow([lookupAgent("status")], [])), "unpermitted_tool")).toEqual([
      expect.objectContaining({
        nodeId: "status",
        path: ["tool"],
        message:
          "“status” calls “Look up order” but has no permission link to a “Look up order” tool node; connect its tools handle to one.",
      }),
    ]);
    const wrongTool = node("tickets", "tool", { builtin: "open_ticket", sideEffect: true });
    const issues = validateFlow(
      flow([lookupAgent("status"), wrongTool], [permit("status", "tickets", { ratePerConversation: 1 })]),
    );
    expect(only(issues, "unpermitted_tool")).toHaveLength(1);
  });

  it("warns when an agent may call a tool that changes data without any limit", () => {
    const refunds = node("refunds", "tool", { builtin: "refund_order", sideEffect: true }, "Refunds");
    const unlimited = validateFlow(flow([reply("agent", "Done."), refunds], [permit("agent", "refunds")]));
    expect(only(unlimited, "unlimited_side_effect")).toEqual([
      expect.objectContaining({ severity: "warning", nodeId: "refunds", edgeId: "perm-agent-refunds" }),
    ]);
    const limited = validateFlow(
      flow([reply("agent", "Done."), refunds], [permit("agent", "refunds", { approvalAbove: 50 })]),
    );
    expect(only(limited, "unlimited_side_effect")).toEqual([]);
  });

  it("warns when a tool that changes data is marked read-only", () => {
    const refunds = node("refunds", "tool", { builtin: "refund_order", sideEffect: false }, "Refunds");
    const issues = validateFlow(
      flow([reply("agent", "Done."), refunds], [permit("agent", "refunds", { ratePerMinute: 1 })]),
    );
    expect(only(issues, "side_effect_mismatch")).toEqual([expect.objectContaining({ path: ["sideEffect"] })]);
    expect(only(issues, "unlimited_side_effect")).toEqual([]);
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

describe("validateFlow: template variables", () => {
  const respond = (template: string) => node("say", "response", { template }, "Confirmation");

  it("accepts text, intent and anything under state", () => {
    expect(
      validateFlow(flow([respond("You said {{text}} about {{intent}}; total {{state.cart.total}}.")], [])),
    ).toEqual([]);
  });

  it("refuses unknown roots and sub-paths of scalars", () => {
    const issues = validateFlow(flow([respond("Hi {{customer.name}}, {{intent.label}}")], []));
    expect(only(issues, "unknown_variable").map((issue) => issue.message)).toEqual([
      "“Confirmation” uses {{customer.name}}, which is not a known variable. Use {{text}}, {{intent}}, {{state.…}}, or {{order.…}} after an order lookup.",
      "“Confirmation” uses {{intent.label}}, which is not a known variable. Use {{text}}, {{intent}}, {{state.…}}, or {{order.…}} after an order lookup.",
    ]);
    expect(issues[0].path).toEqual(["template"]);
  });

  it("allows order.* in a lookup agent itself and in every node after a lookup", () => {
    const issues = validateFlow(
      flow(
        [lookupAgent("status"), orderTool(), respond("Total {{order.total}}")],
        [permit("status", "orders", { ratePerMinute: 5 }), link("status", "say")],
      ),
    );
    expect(issues).toEqual([]);
  });

  it("allows order.* after a lookup tool node on the control path", () => {
    expect(validateFlow(flow([orderTool(), respond("Total {{order.total}}")], [link("orders", "say")]))).toEqual([]);
  });

  it("refuses order.* where some path skips the lookup", () => {
    const condition = node(
      "cond",
      "condition",
      { branches: [{ id: "has", label: "Has order", expression: "state.orderNumber" }] },
      "Has order?",
    );
    const issues = validateFlow(
      flow(
        [condition, orderTool(), respond("Total {{order.total}}")],
        [link("cond", "orders", "has"), link("cond", "say", "else"), link("orders", "say")],
      ),
    );
    expect(only(issues, "unknown_variable")).toEqual([
      expect.objectContaining({
        nodeId: "say",
        message:
          "“Confirmation” uses {{order.total}}, but not every path to it looks up an order first; put a “Look up order” agent or tool before it.",
      }),
    ]);
  });

  it("refuses order.* in an agent that does not look anything up", () => {
    expect(only(validateFlow(flow([reply("hello", "Your order {{order.number}}")], [])), "unknown_variable")).toEqual([
      expect.objectContaining({ nodeId: "hello", path: ["reply"] }),
    ]);
  });

  it("points memory values at state.order, since order is not filled there", () => {
    const memory = node(
      "remember",
      "set_memory",
      {
        assignments: [
          { key: "last", value: "{{text}}" },
          { key: "number", value: "{{order.number}}" },
        ],
      },
      "Remember",
    );
    const issues = validateFlow(
      flow(
        [lookupAgent("status"), orderTool(), memory],
        [permit("status", "orders", { ratePerMinute: 5 }), link("status", "remember")],
      ),
    );
    expect(only(issues, "unknown_variable")).toEqual([
      expect.objectContaining({
        path: ["assignments", 1, "value"],
        message: "“Remember” uses {{order.number}}, which is not filled here; use {{state.order.number}} instead.",
      }),
    ]);
  });

  it("refuses any variable in the greeting", () => {
    const issues = validateFlow(
      graphInput([node("start", "start", { greeting: "Hi {{state.name}}" }, "Chat"), end()], [link("start", "done")]),
    );
    expect(only(issues, "unknown_variable")).toEqual([
      expect.objectContaining({ nodeId: "start", path: ["greeting"] }),
    ]);
  });

  it("warns when an escalation message holds a variable it will never fill", () => {
    const people = node(
      "people",
      "escalate",
      { reason: "Asked for a person", message: "Hi {{state.name}}, hold on." },
      "Care team",
    );
    expect(validateFlow(flow([people], []))).toEqual([
      expect.objectContaining({ code: "literal_variable", severity: "warning", path: ["message"] }),
    ]);
  });
});

describe("validateFlow: required settings", () => {
  it("needs a reply on a deterministic agent and wording on a response", () => {
    const issues = validateFlow(
      flow([reply("silent", ""), node("say", "response", { template: "   " })], [link("silent", "say")]),
    );
    expect(only(issues, "missing_setting").map(({ nodeId, path }) => ({ nodeId, path }))).toEqual([
      { nodeId: "silent", path: ["reply"] },
      { nodeId: "say", path: ["template"] },
    ]);
  });

  it("needs a flow to call from a sub-flow", () => {
    const issues = validateFlow(flow([node("sub", "subflow", { flowSlug: "" }, "Returns desk")], []));
    expect(only(issues, "invalid_config")).toEqual([
      expect.objectContaining({
        nodeId: "sub",
        path: ["flowSlug"],
        message: "“Returns desk”: flowSlug — Pick the flow to call.",
      }),
    ]);
  });

  it("needs an approval to guard a tool node", () => {
    const approval = (toolNodeId: string) => node("check", "approval", { toolNodeId }, "Manager check");
    const issues = validateFlow(
      flow(
        [reply("hello"), approval("hello")],
        [link("hello", "check"), link("check", "hello", "approved"), link("check", "hello", "rejected")],
      ),
    );
    expect(only(issues, "bad_reference")).toEqual([
      expect.objectContaining({
        path: ["toolNodeId"],
        message: "“Manager check” guards “hello”, which is not a tool; pick a tool node.",
      }),
    ]);
    const ok = validateFlow(
      flow(
        [reply("hello"), approval("orders"), orderTool()],
        [link("hello", "check"), link("check", "orders", "approved"), link("check", "hello", "rejected")],
      ),
    );
    expect(only(ok, "bad_reference")).toEqual([]);
  });

  it("needs phrases on phrase policies, a chosen built-in, and distinct slot names", () => {
    const guard = node("guard", "guardrail", { policies: [{ type: "blocked_phrases", values: [] }] }, "Wording");
    const tool = node("tool", "tool", { builtin: undefined }, "Some tool");
    const agent = reply("slots", "Got it", {
      slots: [
        { name: "email", kind: "email" },
        { name: "email", kind: "text" },
      ],
    });
    const issues = validateFlow(
      flow(
        [guard, agent, tool],
        [link("guard", "slots", "pass"), link("guard", "slots", "violation"), link("slots", "tool")],
      ),
    );
    expect(
      issues
        .filter((issue) => issue.code === "missing_setting" || issue.code === "duplicate_id")
        .map(({ nodeId, path }) => ({ nodeId, path })),
    ).toEqual([
      { nodeId: "guard", path: ["policies", 0, "values"] },
      { nodeId: "slots", path: ["slots", 1, "name"] },
      { nodeId: "tool", path: ["builtin"] },
    ]);
  });
});

describe("validateFlow: engine support", () => {
  it("blocks publishing an HTTP tool with no URL, with the engine's reason", () => {
    const http = node(
      "fetch",
      "tool",
      { source: "http", http: { method: "GET", url: "", headers: [], timeoutMs: 5000, responseMap: "" } },
      "Fetch",
    );
    expect(validateFlow(flow([http], [])).filter((issue) => issue.code === "engine_unsupported")).toEqual([
      {
        severity: "error",
        code: "engine_unsupported",
        nodeId: "fetch",
        message: "“Fetch” can be drawn but not published yet: Give the HTTP tool a URL.",
      },
    ]);
  });

  it("lets LLM agents, LLM routers, guardrails and customer memory be published", () => {
    const llm = reply("writer", "", { mode: "llm", systemPrompt: "Be kind." });
    expect(validateFlow(flow([llm], [])).filter((issue) => issue.code === "engine_unsupported")).toEqual([]);
  });
});

describe("hasBlockingIssues", () => {
  it("is true only when there is an error", () => {
    const warning: FlowIssue = { severity: "warning", code: "few_examples", message: "…" };
    expect(hasBlockingIssues([])).toBe(false);
    expect(hasBlockingIssues([warning])).toBe(false);
    expect(hasBlockingIssues([warning, { ...warning, severity: "error" }])).toBe(true);
  });
});

describe("validateFlow: size", () => {
  /** Start, a lookup tool, then segments: condition → (yes) agent → response → memory → next condition; else → response. */
  function bigFlow(segments: number): FlowGraphInput {
    const nodes: FlowGraphInput["nodes"] = [start(), orderTool()];
    const edges: FlowGraphInput["edges"] = [link("start", "c0")];
    for (let i = 0; i < segments; i++) {
      const looksUp = i % 8 === 0;
      nodes.push(
        node(
          `c${i}`,
          "condition",
          { branches: [{ id: "yes", label: "Yes", expression: `state.count > ${i}` }] },
          `Check ${i}`,
        ),
        looksUp ? lookupAgent(`a${i}`) : reply(`a${i}`, "You said {{text}}."),
        node(`r${i}`, "response", { template: "Count is {{state.count}}." }, `Say ${i}`),
        node(`m${i}`, "set_memory", { assignments: [{ key: "count", value: "{{state.count}}" }] }, `Remember ${i}`),
      );
      edges.push(
        link(`c${i}`, `a${i}`, "yes"),
        link(`c${i}`, `r${i}`, "else"),
        link(`a${i}`, `r${i}`),
        link(`r${i}`, `m${i}`),
        link(`m${i}`, i + 1 < segments ? `c${i + 1}` : "done"),
      );
      if (looksUp) edges.push(permit(`a${i}`, "orders", { ratePerMinute: 60 }));
    }
    nodes.push(end());
    return graphInput(nodes, edges);
  }

  it("validates 500 nodes and 600+ edges quickly", () => {
    const input = bigFlow(125);
    expect(input.nodes.length).toBeGreaterThanOrEqual(500);
    expect(input.edges.length).toBeGreaterThanOrEqual(600);
    const timed = () => {
      const started = performance.now();
      const issues = validateFlow(input);
      return { issues, ms: performance.now() - started };
    };
    // The first run compiles every expression and warms the JIT; the canvas re-validates warm on every edit.
    const first = timed();
    const runs = Array.from({ length: 10 }, timed);
    const median = runs.map((run) => run.ms).sort((a, b) => a - b)[runs.length >> 1];
    console.log(
      `validateFlow: ${input.nodes.length} nodes, ${input.edges.length} edges: first run ${first.ms.toFixed(1)} ms, median of 10 ${median.toFixed(1)} ms`,
    );
    expect(first.issues).toEqual([]);
    expect(runs[0].issues).toEqual([]);
  });
});
