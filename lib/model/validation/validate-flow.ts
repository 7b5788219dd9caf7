// Publish-time and as-you-draw validation. Errors block publishing, warnings don't. It never throws: a graph
// the schema rejects is still read node by node, so each bad setting lands on its node in the inspector and the
// rest of the graph is still checked.
import { NO_MODEL_PROVIDERS, type ModelAvailability } from "@/lib/model/flow/model-spec";
import { checkEdges, checkUnwiredOutputs } from "./check-links";
import { checkModels } from "./check-models";
import { checkNode } from "./check-node-settings";
import { checkLoops, checkReachability, checkStarts } from "./check-structure";
import { checkTemplates } from "./check-templates";
import type { FlowIssue } from "./flow-issue";
import { readGraph, type Model } from "./read-graph";
import { fieldApplies } from "@/lib/model/flow/node-modes";
import { NODE_KINDS } from "@/lib/model/flow/registry";

/**
 * `models`: what can serve models in the flow's workspace (lib/features/flows/model-availability.ts). Left out, it is
 * a workspace with no provider at all, so a forgotten argument refuses a model rather than letting one pass.
 */
export function validateFlow(graph: unknown, options: { models?: ModelAvailability } = {}): FlowIssue[] {
  const model = readGraph(graph);
  if (model.shells.length > 0) {
    checkStarts(model);
    checkEdges(model);
    checkReachability(model);
    checkLoops(model);
    checkUnwiredOutputs(model);
    checkTemplates(model);
    for (const node of model.nodes) checkNode(model, node);
    checkModels(model, options.models ?? NO_MODEL_PROVIDERS);
  }
  return model.issues.filter((issue) => inCurrentMode(model, issue)).sort((a, b) => rank(a) - rank(b));
}

/** A setting of a mode its node is not in is not judged (the inspector does not show it either). */
function inCurrentMode(model: Model, issue: FlowIssue): boolean {
  const node = issue.nodeId && !issue.edgeId ? model.shellById.get(issue.nodeId)?.node : undefined;
  if (!node || !issue.path?.length) return true;
  const path = issue.path[0] === "config" ? issue.path.slice(1) : issue.path;
  return fieldApplies(NODE_KINDS[node.kind].modes, node.config, path);
}

export function hasBlockingIssues(issues: FlowIssue[]): boolean {
  return issues.some((issue) => issue.severity === "error");
}

const rank = (issue: FlowIssue) => (issue.severity === "error" ? 0 : 1);
