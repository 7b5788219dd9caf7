// validateFlow on template variables: which roots and paths each node may read, and where order.* is filled.
import { describe, expect, it } from "vitest";
import { validateFlow } from "@/lib/model/validation/validate-flow";
import { graphInput, link, lookupAgent, node, orderTool, permit, reply } from "@/tests/support/flow-builders";
import { end, flow, only } from "@/tests/unit/model/validation/validate-flow-helpers";

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

  it("lets an LLM agent's reply (the offline stand-in's answer) read its tool results and slots, and no other agent's", () => {
    const agent = (mode: "llm" | "deterministic") =>
      node(
        "helper",
        "agent",
        {
          mode,
          model: "offline",
          slots: [{ name: "order_number", kind: "order_number", prompt: "Which order?" }],
          reply: "{{order_number}}: {{result.status}}, {{tools.order_api.eta}}, {{slots.order_number}}",
        },
        "Helper",
      );
    expect(only(validateFlow(flow([agent("llm")], [])), "unknown_variable")).toEqual([]);
    expect(only(validateFlow(flow([agent("deterministic")], [])), "unknown_variable").map((i) => i.message)).toEqual(
      ["{{order_number}}", "{{result.status}}", "{{tools.order_api.eta}}", "{{slots.order_number}}"].map(
        (v) =>
          `“Helper” uses ${v}, which is not a known variable. Use {{text}}, {{intent}}, {{state.…}}, or {{order.…}} after an order lookup.`,
      ),
    );
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
