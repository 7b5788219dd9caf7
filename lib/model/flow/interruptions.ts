// Interruptions: routes a flow checks on every customer message before the current node sees it (talk to a person,
// start over, …). Their classifier needs to know what is *not* an interruption, or every message would be one: it
// learns a "continue" class from answers customers give mid-task and from the flow's own requests.
import type { FlowEdge, FlowGraph, FlowNode, NodeOf } from "./schema";

/** The classifier's class for "not an interruption: let the current node have the message". */
export const CONTINUE_INTENT = "__continue";

/** Typical mid-task answers: values, confirmations and small corrections the current node should see. */
export const CONTINUE_EXAMPLES = [
  "A1003",
  "it's A1042",
  "order A1017",
  "the order number is A1100",
  "my email is jane@example.com",
  "sam.lee@example.org",
  "yes",
  "yes please",
  "no",
  "ok",
  "sure",
  "that's right",
  "correct",
  "no, I meant A1005",
  "sorry, A1010 not A1001",
  "5 Main St, Springfield",
  "12 Oak Lane, Portland OR 97201",
  "deliver it to 44 High Street instead",
  "$45",
  "45 dollars",
  "the full amount",
  "last Tuesday",
  "on the 3rd of November",
  "yesterday",
  "the blue jacket",
  "just the shoes",
  "both items",
  "the one I ordered last week",
  "my card ends in 4242",
  "ending 1881",
  "my name is Alex Morgan",
  "+1 415 555 0100",
  "I think so",
  "not sure, let me check",
  "one moment",
  "here it is",
  "that one",
  "go ahead",
  "please do",
  // Plain questions with "why" or "this" are requests, not frustration ("why is this so hard" is the other class).
  "what is this charge",
  "what is this fee for",
  "what does this mean",
  "how does this work",
  "is this the right order",
  "can I return this",
  "can I use this code",
  "is this item in stock",
  "why is the price different",
  "why did my order come in two parcels",
  "why was my card declined",
  "why is it still processing",
] as const;

/**
 * How many examples of each router route join the continue class: up to 12, fewer for a router with many routes, so
 * that a 77-intent router does not bury the interruptions' ten examples each under 900 "continue" ones (the
 * classifier then reads "this is useless" as continue).
 */
const CONTINUE_FROM_ROUTERS = 160;
const continuePerRoute = (routes: number) => Math.max(1, Math.min(12, Math.floor(CONTINUE_FROM_ROUTERS / routes)));

export type InterruptionRoute = NodeOf<"start">["config"]["interruptions"]["routes"][number];

/** The targets each output of `node` leads to. */
function targetsOf(graph: FlowGraph, nodeId: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const edge of graph.edges)
    if (edge.source === nodeId && edge.kind === "control") out.set(edge.sourceHandle, edge.target);
  return out;
}

/**
 * Training data for the start node's interruption classifier: each route's examples, and a continue class made of
 * mid-task answers plus the examples of every router route that does not lead where an interruption leads (a
 * router's own "talk to a human" route would teach the classifier that asking for a person is not an interruption).
 */
export function interruptionExamples(graph: FlowGraph, start: NodeOf<"start">): { text: string; intent: string }[] {
  const routes = start.config.interruptions.routes;
  const startTargets = targetsOf(graph, start.id);
  const interruptionTargets = new Set(routes.map((route) => startTargets.get(route.id)).filter(Boolean));
  const interruptionTexts = new Set(routes.flatMap((route) => route.examples.map((e) => e.toLowerCase())));
  const examples = routes.flatMap((route) => route.examples.map((text) => ({ text, intent: route.id })));
  const continuing = new Set<string>(CONTINUE_EXAMPLES);
  for (const node of graph.nodes) {
    if (node.kind !== "router" || node.config.strategy !== "classifier") continue;
    const routerTargets = targetsOf(graph, node.id);
    for (const route of node.config.routes) {
      if (interruptionTargets.has(routerTargets.get(route.id))) continue;
      // A few per route teach "a new request is not an interruption" without the cost of a 10,000-row router.
      const sample = route.examples.filter((text) => !interruptionTexts.has(text.toLowerCase()));
      for (const text of sample.slice(0, continuePerRoute(node.config.routes.length))) continuing.add(text);
    }
  }
  for (const text of continuing) examples.push({ text, intent: CONTINUE_INTENT });
  return examples;
}

/** Whether the start node checks interruptions with a trained classifier (and so needs a model at publish). */
export function needsInterruptionModel(node: FlowNode): node is NodeOf<"start"> {
  return (
    node.kind === "start" &&
    node.config.interruptions.strategy === "classifier" &&
    node.config.interruptions.routes.length > 0
  );
}

/**
 * The router a mid-task message is checked against for an intent switch: the first classifier router on the flow's
 * main path from the start node (through guardrails' pass outputs and plain next links).
 */
export function mainRouter(graph: Pick<FlowGraph, "nodes" | "edges">): NodeOf<"router"> | null {
  const start = graph.nodes.find((node) => node.kind === "start");
  const seen = new Set<string>();
  let current: FlowNode | undefined = start;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    if (current.kind === "router") return current.config.strategy === "classifier" ? current : null;
    const from: FlowNode = current;
    const handle: string = from.kind === "guardrail" ? "pass" : "out";
    const edge: FlowEdge | undefined = graph.edges.find(
      (e) => e.source === from.id && e.sourceHandle === handle && e.kind === "control",
    );
    current = edge ? graph.nodes.find((node) => node.id === edge.target) : undefined;
  }
  return null;
}
