// The inspector's fields follow the node's mode: each mode shows exactly the settings it reads (the registry's
// per-mode field sets), switching keeps every value, and validation judges only the fields that apply.
import { describe, expect, it } from "vitest";
import { configModeView, shownFields } from "@/components/flows/config-modes";
import { configJsonSchema, type JsonSchema } from "@/components/flows/config-schema";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import { draftGraphSchema, flowGraphSchema, type NodeKind } from "@/lib/model/flow/schema";
import { validateFlow } from "@/lib/model/validation/validate-flow";
import { examples, link, node, route } from "@/tests/support/flow-builders";
import { end, flow } from "@/tests/unit/model/validation/validate-flow-helpers";

const shown = (kind: NodeKind, config: Record<string, unknown>, path: (string | number)[] = []) => {
  let schema: JsonSchema = configJsonSchema(kind);
  for (const part of path) schema = (typeof part === "number" ? schema.items : schema.properties?.[part]) ?? {};
  return shownFields(schema, path, configModeView(NODE_KINDS[kind].modes, config)).map(([key]) => key);
};

describe("fields per mode", () => {
  it("a deterministic agent shows no model settings; an LLM agent shows them and no tool or re-ask limit", () => {
    expect(shown("agent", { mode: "deterministic" })).toEqual([
      "mode",
      "slots",
      "reaskLimit",
      "tool",
      "reply",
      "senderName",
    ]);
    expect(shown("agent", { mode: "llm" })).toEqual([
      "mode",
      "model",
      "systemPrompt",
      "temperature",
      "maxTurns",
      "fallbackModel",
      "slots",
      "reply",
      "senderName",
    ]);
    // A config that does not say is in the schema's default mode.
    expect(shown("agent", {})).toEqual(shown("agent", { mode: "deterministic" }));
  });

  it("a tool shows only its source's section", () => {
    expect(shown("tool", { source: "builtin" })).toEqual(["source", "builtin", "sideEffect"]);
    expect(shown("tool", { source: "http" })).toEqual(["source", "http", "sideEffect"]);
    expect(shown("tool", { source: "mcp" })).toEqual(["source", "mcp", "sideEffect"]);
  });

  it("a router shows what its strategy reads, down to each route's fields", () => {
    const routes = [route("a"), route("b")];
    expect(shown("router", { strategy: "classifier", routes })).toEqual(["strategy", "mode", "threshold", "routes"]);
    expect(shown("router", { strategy: "llm", routes })).toEqual(["strategy", "threshold", "model", "routes"]);
    expect(shown("router", { strategy: "rules", routes })).toEqual(["strategy", "routes"]);
    expect(shown("router", { strategy: "classifier", routes }, ["routes", 0])).toEqual(["id", "label", "examples"]);
    expect(shown("router", { strategy: "llm", routes }, ["routes", 1])).toEqual(["id", "label", "description"]);
    expect(shown("router", { strategy: "rules", routes }, ["routes", 0])).toEqual(["id", "label", "rule"]);
  });

  it("a join asks for N only when it waits for the first N; verification shows its method's settings", () => {
    expect(shown("join", { mode: "all" })).toEqual(["mode", "timeoutMs"]);
    expect(shown("join", { mode: "first_n" })).toEqual(["mode", "n", "timeoutMs"]);
    expect(shown("verify_customer", { method: "knowledge" })).not.toContain("codeTtlMinutes");
    expect(shown("verify_customer", { method: "email_code" })).toContain("codeTtlMinutes");
    expect(shown("verify_customer", { method: "email_code" })).not.toContain("secondFactor");
  });

  it("names the mode choices and the fields a mode gives another meaning", () => {
    const view = configModeView(NODE_KINDS.agent.modes, { mode: "llm" });
    expect(view.optionLabel(["mode"], "llm")).toMatch(/LLM agent/);
    expect(view.optionLabel(["reply"], "llm")).toBeUndefined();
    expect(view.label(["reply"])).toMatch(/offline stand-in/);
    expect(configModeView(NODE_KINDS.agent.modes, { mode: "deterministic" }).label(["reply"])).toBeUndefined();
    // A built-in tool by its label and the name traces and eval cases use.
    expect(configModeView(NODE_KINDS.tool.modes, {}).optionLabel(["builtin"], "lookup_order")).toBe(
      "Look up order (lookup_order)",
    );
  });

  it("every mode-specific field names a real setting of its kind", () => {
    for (const spec of Object.values(NODE_KINDS)) {
      if (!spec.modes) continue;
      const schema = configJsonSchema(spec.kind);
      expect(schema.properties?.[spec.modes.field]?.enum?.map(String).sort()).toEqual(
        Object.keys(spec.modes.modes).sort(),
      );
      for (const mode of Object.values(spec.modes.modes)) {
        for (const field of mode.fields) {
          let at: JsonSchema | undefined = schema;
          for (const part of field.split(".")) at = (at?.items ?? at)?.properties?.[part];
          expect(at, `${spec.kind}.${field}`).toBeDefined();
        }
      }
    }
  });
});

describe("validation by mode", () => {
  const agent = (config: Record<string, unknown>) =>
    flow([node("bot", "agent", config, "Bot"), end()], [link("bot", "done")]);

  it("does not judge another mode's settings, and still judges the current mode's", () => {
    // A temperature typed out of range, then the agent switched to deterministic.
    expect(validateFlow(agent({ mode: "deterministic", reply: "Hi", temperature: 9 }))).toEqual([]);
    expect(validateFlow(agent({ mode: "llm", systemPrompt: "Help", temperature: 9 }))).toEqual([
      expect.objectContaining({ code: "invalid_config", path: ["temperature"] }),
    ]);
    const router = (strategy: string) =>
      flow(
        [
          node("r", "router", {
            strategy,
            routes: [route("a", { rule: "true" }), route("b", { rule: "false", examples: [""] })],
          }),
          end(),
        ],
        [link("r", "done", "a"), link("r", "done", "b"), link("r", "done", "low_confidence")],
      );
    expect(validateFlow(router("rules"))).toEqual([]);
    expect(validateFlow(router("classifier")).map((i) => i.path)).toContainEqual(["routes", 1, "examples", 0]);
  });

  it("a saved draft keeps other modes' values, resetting only those the schema would refuse", () => {
    const draft = draftGraphSchema.parse(
      flow(
        [node("bot", "agent", { mode: "deterministic", reply: "Hi", model: "gpt-4o", temperature: 9 }), end()],
        [link("bot", "done")],
      ),
    );
    const bot = draft.nodes.find((n) => n.id === "bot");
    expect(bot?.kind === "agent" && bot.config).toMatchObject({ model: "gpt-4o", temperature: 0.2, reply: "Hi" });
    // Publishing parses the draft as read, so the stale value does not block it either.
    expect(flowGraphSchema.safeParse(draft).success).toBe(true);
    const kept = draftGraphSchema.parse(
      flow(
        [node("r", "router", { strategy: "rules", routes: [route("a", { rule: "true" }), route("b", { rule: "x" })] })],
        [],
      ),
    );
    expect(kept.nodes[1].kind === "router" && kept.nodes[1].config.routes[0].examples).toEqual(examples("a"));
  });
});
