// validateFlow on the models LLM nodes name: an error when nothing in the workspace can serve it (with the way to
// Settings → Model providers), a warning for the offline stand-in chosen on purpose, and nothing when a provider
// serves it.
import { describe, expect, it } from "vitest";
import type { ModelAvailability } from "@/lib/model/flow/model-spec";
import { hasBlockingIssues, validateFlow } from "@/lib/model/validation/validate-flow";
import { link, node, reply, route } from "@/tests/support/flow-builders";
import { end, flow } from "@/tests/unit/model/validation/validate-flow-helpers";

const none: ModelAvailability = { providers: [], environment: false };
const SETTINGS = { label: "Settings → Model providers", href: "/settings#model-providers" };

const llmAgent = (model: string, extra: Record<string, unknown> = {}) =>
  reply("writer", "", { mode: "llm", systemPrompt: "Help with orders.", model, ...extra });
const llmRouter = (model: string) =>
  node(
    "triage",
    "router",
    {
      strategy: "llm",
      model,
      routes: [route("billing", { description: "Invoices" }), route("technical", { description: "Errors" })],
    },
    "Triage",
  );

const agentIssues = (model: string, models?: ModelAvailability, extra: Record<string, unknown> = {}) =>
  validateFlow(flow([llmAgent(model, extra), end()], [link("writer", "done")]), models ? { models } : {}).filter(
    (issue) => issue.code.startsWith("model_"),
  );
const routerIssues = (model: string, models: ModelAvailability) =>
  validateFlow(
    flow(
      [llmRouter(model), end()],
      [
        link("triage", "done", "billing"),
        link("triage", "done", "technical"),
        link("triage", "done", "low_confidence"),
      ],
    ),
    { models },
  ).filter((issue) => issue.code.startsWith("model_"));

describe("validateFlow: models no provider serves", () => {
  it("refuses an LLM agent's model when the workspace has no provider, naming it and linking to Settings", () => {
    const issues = agentIssues("gpt-4o-mini", none);
    expect(issues).toEqual([
      {
        severity: "error",
        code: "model_unavailable",
        nodeId: "writer",
        path: ["model"],
        help: SETTINGS,
        message:
          "“writer” uses the model “gpt-4o-mini”, but no model provider in this workspace can serve it. Add one in Settings → Model providers, or choose “offline” for canned stand-in replies.",
      },
    ]);
    expect(hasBlockingIssues(issues)).toBe(true);
  });

  it("treats a left-out availability as a workspace with no provider", () => {
    expect(agentIssues("gpt-4o-mini").map((issue) => issue.code)).toEqual(["model_unavailable"]);
  });

  it("refuses an LLM router's model and an agent with no model at all", () => {
    expect(routerIssues("gpt-4o-mini", none)).toEqual([
      expect.objectContaining({ severity: "error", code: "model_unavailable", nodeId: "triage", help: SETTINGS }),
    ]);
    expect(routerIssues("", none)).toEqual([
      expect.objectContaining({ severity: "error", code: "model_missing", nodeId: "triage", path: ["model"] }),
    ]);
    expect(agentIssues("  ", { providers: ["default"], environment: true })).toEqual([
      expect.objectContaining({ severity: "error", code: "model_missing" }),
    ]);
  });

  it("refuses a provider prefix the workspace does not have when nothing serves bare names", () => {
    expect(agentIssues("acme/gpt-4o", { providers: ["local"], environment: false })).toEqual([
      expect.objectContaining({ code: "model_unavailable", message: expect.stringContaining("“acme/gpt-4o”") }),
    ]);
  });

  it("refuses a fallback model nothing serves, and the stand-in as a real model's fallback", () => {
    expect(agentIssues("offline", none, { fallbackModel: "gpt-4o" })).toEqual([
      // Errors come first.
      expect.objectContaining({ severity: "error", code: "model_unavailable", path: ["fallbackModel"] }),
      expect.objectContaining({ severity: "warning", code: "model_offline", path: ["model"] }),
    ]);
    expect(
      agentIssues("local/llama3", { providers: ["local"], environment: false }, { fallbackModel: "offline" }),
    ).toEqual([expect.objectContaining({ severity: "error", code: "model_unavailable", path: ["fallbackModel"] })]);
  });
});

describe("validateFlow: the offline stand-in chosen on purpose", () => {
  it("warns, without blocking, that an offline agent's replies are canned stand-ins", () => {
    for (const model of ["offline", "Offline", "offline/scripted"]) {
      const issues = agentIssues(model, none);
      expect(issues).toEqual([
        expect.objectContaining({ severity: "warning", code: "model_offline", path: ["model"], help: SETTINGS }),
      ]);
      expect(issues[0].message).toContain("replies are canned stand-ins");
      expect(hasBlockingIssues(issues)).toBe(false);
    }
  });

  it("warns that an offline router's choices are word matches", () => {
    expect(routerIssues("offline", none)).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "model_offline",
        message: expect.stringContaining("route choices are word matches"),
      }),
    ]);
  });
});

describe("validateFlow: models a provider serves", () => {
  it("accepts a bare model served by the workspace's default provider or by OPENAI_* on the server", () => {
    expect(agentIssues("gpt-4o-mini", { providers: ["default"], environment: false })).toEqual([]);
    expect(agentIssues("gpt-4o-mini", { providers: [], environment: true })).toEqual([]);
    expect(routerIssues("gpt-4o-mini", { providers: [], environment: true })).toEqual([]);
  });

  it("accepts a named provider's model, or its default model", () => {
    const local = { providers: ["local"], environment: false };
    expect(agentIssues("local/llama3.2", local)).toEqual([]);
    expect(agentIssues("LOCAL", local)).toEqual([]);
    expect(agentIssues("local/llama3.2", local, { fallbackModel: "local/llama3.1" })).toEqual([]);
  });

  it("does not judge nodes that call no model: deterministic agents and classifier routers", () => {
    const issues = validateFlow(
      flow([reply("hello", "Hi", { model: "gpt-4o-mini" }), end()], [link("hello", "done")]),
      {
        models: none,
      },
    );
    expect(issues).toEqual([]);
  });
});
