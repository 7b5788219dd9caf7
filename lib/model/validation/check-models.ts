// Honest models: every node that calls a model (an LLM agent, its fallback model, an LLM router) must name one the
// workspace can serve. Without that check the engine quietly let the offline stand-in answer, and a designer took
// its canned replies for the model's. Choosing "offline" on purpose is allowed, with a warning on the node.
import type { FlowNode } from "@/lib/model/flow/schema";
import { modelServer, OFFLINE_MODEL, type ModelAvailability } from "@/lib/model/flow/model-spec";
import { error, name, quote, warning, type FlowIssue, type IssueHelp } from "./flow-issue";
import type { Model } from "./read-graph";

/** Where model providers are added: the Model providers card of the Settings page. */
export const MODEL_PROVIDERS_HELP: IssueHelp = {
  label: "Settings → Model providers",
  href: "/settings#model-providers",
};

const withHelp = (issue: FlowIssue): FlowIssue => ({ ...issue, help: MODEL_PROVIDERS_HELP });

/** The model fields of a node, when it calls a model at all. */
function modelFields(node: FlowNode): { model: string; fallbackModel: string } | null {
  if (node.kind === "agent" && node.config.mode === "llm")
    return { model: node.config.model, fallbackModel: node.config.fallbackModel };
  if (node.kind === "router" && node.config.strategy === "llm") return { model: node.config.model, fallbackModel: "" };
  return null;
}

export function checkModels(model: Model, available: ModelAvailability) {
  for (const node of model.nodes) {
    const fields = modelFields(node);
    if (!fields) continue;
    for (const issue of modelIssues(node, fields, available))
      model.issues.push({ ...withHelp(issue), nodeId: node.id });
  }
}

function modelIssues(
  node: FlowNode,
  fields: { model: string; fallbackModel: string },
  available: ModelAvailability,
): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const server = modelServer(fields.model, available);
  if (server.kind === "unset")
    issues.push(
      error(
        "model_missing",
        `${name(node)} names no model. Choose one a model provider serves, or ${quote(OFFLINE_MODEL)} for canned stand-in replies.`,
        ["model"],
      ),
    );
  else if (server.kind === "unserved")
    issues.push(
      error(
        "model_unavailable",
        `${name(node)} uses the model ${quote(server.model)}, but no model provider in this workspace can serve it. Add one in Settings → Model providers, or choose ${quote(OFFLINE_MODEL)} for canned stand-in replies.`,
        ["model"],
      ),
    );
  else if (server.kind === "offline")
    issues.push(
      warning(
        "model_offline",
        `${name(node)} uses the offline stand-in (${quote(fields.model.trim())}): its ${node.kind === "router" ? "route choices are word matches" : "replies are canned stand-ins"}, not a language model's. Connect a model in Settings → Model providers when it should really answer.`,
        ["model"],
      ),
    );

  const fallback = fields.fallbackModel.trim();
  if (!fallback) return issues;
  const fallbackServer = modelServer(fallback, available);
  if (fallbackServer.kind === "unserved")
    issues.push(
      error(
        "model_unavailable",
        `${name(node)}'s fallback model ${quote(fallback)} is one no model provider in this workspace can serve. Add one in Settings → Model providers, or clear the fallback model.`,
        ["fallbackModel"],
      ),
    );
  // The fallback is asked of the same provider as the model; a real provider has no model called "offline".
  else if (fallbackServer.kind === "offline" && server.kind === "provider")
    issues.push(
      error(
        "model_unavailable",
        `${name(node)}'s fallback model ${quote(fallback)} is the offline stand-in, which cannot stand in for ${quote(fields.model.trim())}: the fallback is asked of the same provider. Clear it, or name another model that provider serves.`,
        ["fallbackModel"],
      ),
    );
  return issues;
}
