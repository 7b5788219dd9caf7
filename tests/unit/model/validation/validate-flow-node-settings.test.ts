// validateFlow on what nodes are configured with: routes, condition expressions, tool permissions, required settings
// and what the engine supports.
import { describe, expect, it } from "vitest";
import { validateFlow } from "@/lib/model/validation/validate-flow";
import { examples, link, lookupAgent, node, orderTool, permit, reply, route } from "@/tests/support/flow-builders";
import { end, flow, only } from "@/tests/unit/model/validation/validate-flow-helpers";

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
