// Templates and variables: every {{variable}} a message uses is filled where that message is sent.
import type { FlowNode } from "@/lib/model/flow/schema";
import { templateVariables } from "@/lib/model/flow/template";
import { error, name, warning, type FlowIssue, type IssuePath } from "./flow-issue";
import { reach } from "./graph-walk";
import type { Model } from "./read-graph";

type TemplateSite = {
  node: FlowNode;
  path: IssuePath;
  text: string;
  orderInScope: boolean;
  /** Names the site may use besides the usual ones (an LLM agent's offline answer: its tool results and slots). */
  extra?: (root: string, rest: string[]) => boolean;
};

/**
 * An LLM agent's reply is what the offline stand-in model says once its tools have answered: it is filled from the
 * latest tool result (`result.…`), each tool's result by name (`tools.<name>.…`) and the agent's slots.
 */
const offlineReplyScope = (node: Extract<FlowNode, { kind: "agent" }>) => (root: string, rest: string[]) =>
  ((root === "result" || root === "tools" || root === "slots") && rest.length > 0) ||
  node.config.slots.some((slot) => slot.name === root);

/**
 * `order.*` is filled only after an order lookup: in a lookup_order agent itself, or in a node every path to
 * which passes a lookup_order agent or tool first (a path that skips the lookup would fail on that customer).
 */
export function checkTemplates(model: Model) {
  const knowsOrder = orderKnowledge(model);
  for (const site of model.nodes.flatMap(templateSites)) {
    for (const variable of new Set(templateVariables(site.text))) {
      const problem = variableProblem(variable, site, knowsOrder(site.node.id));
      if (problem) model.issues.push({ ...error("unknown_variable", problem), nodeId: site.node.id, path: site.path });
    }
  }
}

function templateSites(node: FlowNode): TemplateSite[] {
  switch (node.kind) {
    case "start":
      return [{ node, path: ["greeting"], text: node.config.greeting, orderInScope: false }];
    case "agent":
      return [
        {
          node,
          path: ["reply"],
          text: node.config.reply,
          orderInScope: true,
          extra: node.config.mode === "llm" ? offlineReplyScope(node) : undefined,
        },
      ];
    case "response":
      return [{ node, path: ["template"], text: node.config.template, orderInScope: true }];
    case "remote_agent":
      return [{ node, path: ["message"], text: node.config.message, orderInScope: false }];
    case "set_memory":
      // The engine fills assignments from the state, the message and the intent only: no `order` shortcut.
      return node.config.assignments.map((a, i) => ({
        node,
        path: ["assignments", i, "value"],
        text: a.value,
        orderInScope: false,
      }));
    default:
      return [];
  }
}

function variableProblem(variable: string, site: TemplateSite, orderKnown: boolean): string | null {
  const where = `${name(site.node)} uses {{${variable}}}`;
  if (site.node.kind === "start")
    return `${where}, but the greeting is sent before anything is known, so it cannot use variables.`;
  const [root, ...rest] = variable.split(".");
  if ((root === "text" || root === "intent") && rest.length === 0) return null;
  if (site.node.kind === "remote_agent" && variable === "message") return null;
  if (root === "state" && rest.length > 0) return null;
  if (site.extra?.(root, rest)) return null;
  if (root === "order" && rest.length > 0) {
    if (!site.orderInScope) return `${where}, which is not filled here; use {{state.${variable}}} instead.`;
    if (orderKnown) return null;
    return `${where}, but not every path to it looks up an order first; put a “Look up order” agent or tool before it.`;
  }
  return `${where}, which is not a known variable. Use {{text}}, {{intent}}, {{state.…}}, or {{order.…}} after an order lookup.`;
}

function orderKnowledge(model: Model): (id: string) => boolean {
  const looksUp = (node: FlowNode) =>
    (node.kind === "agent" && node.config.tool === "lookup_order") ||
    (node.kind === "tool" && node.config.source === "builtin" && node.config.builtin === "lookup_order");
  const sources = new Set(model.nodes.filter(looksUp).map((node) => node.id));
  if (sources.size === 0) return () => false;
  const after = reach(
    [...sources].flatMap((id) => model.next.get(id) ?? []),
    model.next,
  );
  const starts = model.shells.filter((shell) => shell.kind === "start").map((shell) => shell.id);
  const withoutLookup = reach(starts, model.next, (id) => sources.has(id));
  return (id) => {
    const node = model.shellById.get(id)?.node;
    if (node?.kind === "agent" && sources.has(id)) return true;
    return after.has(id) && !withoutLookup.has(id);
  };
}

/** Escalation messages are sent as written: a {{variable}} there would reach the customer verbatim. */
export function literalVariables(node: FlowNode, text: string, path: IssuePath): FlowIssue[] {
  const variables = templateVariables(text);
  return variables.length
    ? [
        warning(
          "literal_variable",
          `${name(node)} sends its message exactly as written, so {{${variables[0]}}} would reach the customer unfilled.`,
          path,
        ),
      ]
    : [];
}
