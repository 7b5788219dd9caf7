// Builders shared by the validateFlow tests: the start and end nodes, a flow wired from its start, and issue filters.
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import type { FlowIssue } from "@/lib/model/validation/flow-issue";
import { graphInput, link, node } from "@/tests/support/flow-builders";

export const start = () => node("start", "start", {}, "Chat");
export const end = (id = "done") => node(id, "end", {}, "Done");

/** Start → the given first node, plus whatever else the test adds. */
export function flow(
  nodes: FlowGraphInput["nodes"],
  edges: FlowGraphInput["edges"],
  first = nodes[0]?.id,
): FlowGraphInput {
  return graphInput([start(), ...nodes], [...(first ? [link("start", first)] : []), ...edges]);
}

export const only = (issues: FlowIssue[], code: string) => issues.filter((issue) => issue.code === code);
export const codes = (issues: FlowIssue[]) => [...new Set(issues.map((issue) => issue.code))].sort();
