// Routers and conditions: route and branch ids, the examples, rules or descriptions each routing strategy needs,
// and expressions that parse.
import { expressionError } from "@/lib/model/flow/expressions";
import { mainRouter } from "@/lib/model/flow/interruptions";
import { LOW_CONFIDENCE_HANDLE, type FlowGraph, type NodeOf } from "@/lib/model/flow/schema";
import { duplicateIds, error, name, warning, type FlowIssue, type IssuePath } from "./flow-issue";

const MIN_EXAMPLES = 5;
export const CONDITION_ELSE = "else";

/** The start node's interruptions are routes too: each needs what its strategy reads, and an id of its own. */
export function interruptionIssues(node: NodeOf<"start">, graph: Pick<FlowGraph, "nodes" | "edges">): FlowIssue[] {
  const { routes, strategy, neverSwitchTo } = node.config.interruptions;
  const issues: FlowIssue[] = [];
  const seen = new Set<string>();
  routes.forEach((route, index) => {
    if (route.id === "out" || seen.has(route.id))
      issues.push(
        error(
          "duplicate_id",
          `${name(node)}: the interruption id “${route.id}” is used twice or is reserved; rename “${route.label}”.`,
          ["interruptions", "routes", index, "id"],
        ),
      );
    seen.add(route.id);
    issues.push(...routeStrategyIssues(node, route, index, strategy, ["interruptions"]));
  });
  const router = mainRouter(graph);
  neverSwitchTo.forEach((id, index) => {
    if (router?.config.routes.some((route) => route.id === id)) return;
    issues.push(
      warning(
        "unknown_route",
        `${name(node)}: “${id}” is not a route of ${router ? name(router) : "a classifier router after the start"}, so “never switch to” has nothing to skip.`,
        ["interruptions", "neverSwitchTo", index],
      ),
    );
  });
  return issues;
}

export function routerIssues(node: NodeOf<"router">): FlowIssue[] {
  const issues = duplicateIds(node, node.config.routes, "routes", "route");
  node.config.routes.forEach((route, index) => {
    if (route.id === LOW_CONFIDENCE_HANDLE)
      issues.push(
        error(
          "reserved_id",
          `${name(node)}: the route id “${LOW_CONFIDENCE_HANDLE}” is reserved for the low confidence output; rename route “${route.label}”.`,
          ["routes", index, "id"],
        ),
      );
    issues.push(...routeStrategyIssues(node, route, index, node.config.strategy));
  });
  if (node.config.strategy === "classifier") issues.push(...sharedExamples(node));
  return issues;
}

type Route = NodeOf<"router">["config"]["routes"][number];

function routeStrategyIssues(
  node: NodeOf<"router"> | NodeOf<"start">,
  route: Route,
  index: number,
  strategy: NodeOf<"router">["config"]["strategy"],
  prefix: IssuePath = [],
): FlowIssue[] {
  const at = (field: string): IssuePath => [...prefix, "routes", index, field];
  const which = `${name(node)}: route “${route.label}”`;
  switch (strategy) {
    case "classifier": {
      const count = route.examples.length;
      if (count === 0)
        return [
          error(
            "missing_examples",
            `${which} has no example messages, so the classifier can never choose it.`,
            at("examples"),
          ),
        ];
      if (count < MIN_EXAMPLES)
        return [
          warning(
            "few_examples",
            `${which} has only ${count} example${count === 1 ? "" : "s"}; give it at least ${MIN_EXAMPLES} so the classifier can recognise it.`,
            at("examples"),
          ),
        ];
      return [];
    }
    case "rules": {
      if (!route.rule.trim())
        return [error("missing_rule", `${which} has no rule, so it can never be taken.`, at("rule"))];
      const problem = expressionError(route.rule);
      return problem
        ? [error("bad_expression", `${which} has a rule that does not parse: ${problem}`, at("rule"))]
        : [];
    }
    case "llm":
      return route.description.trim()
        ? []
        : [
            error(
              "missing_description",
              `${which} has no description, so the model cannot know when to choose it.`,
              at("description"),
            ),
          ];
  }
}

/** The same utterance under two routes teaches the classifier a contradiction. */
function sharedExamples(node: NodeOf<"router">): FlowIssue[] {
  const owner = new Map<string, number>();
  const issues: FlowIssue[] = [];
  node.config.routes.forEach((route, routeIndex) => {
    route.examples.forEach((example, exampleIndex) => {
      const key = example.trim().toLowerCase();
      const first = owner.get(key);
      if (first === undefined) owner.set(key, routeIndex);
      else if (first !== routeIndex) {
        const other = node.config.routes[first].label;
        issues.push(
          warning(
            "conflicting_examples",
            `${name(node)}: “${example}” is an example of both “${other}” and “${route.label}”; the classifier cannot tell them apart.`,
            ["routes", routeIndex, "examples", exampleIndex],
          ),
        );
      }
    });
  });
  return issues;
}

export function conditionIssues(node: NodeOf<"condition">): FlowIssue[] {
  const issues = duplicateIds(node, node.config.branches, "branches", "branch");
  node.config.branches.forEach((branch, index) => {
    if (branch.id === CONDITION_ELSE)
      issues.push(
        error(
          "reserved_id",
          `${name(node)}: the branch id “else” is reserved for the else output; rename branch “${branch.label}”.`,
          ["branches", index, "id"],
        ),
      );
    const problem = expressionError(branch.expression);
    if (problem)
      issues.push(
        error(
          "bad_expression",
          `${name(node)}: the expression of branch “${branch.label}” does not parse: ${problem}`,
          ["branches", index, "expression"],
        ),
      );
  });
  return issues;
}
