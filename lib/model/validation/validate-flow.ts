// Publish-time and as-you-draw validation. Errors block publishing, warnings don't. It never throws: a graph
// the schema rejects is still read node by node, so each bad setting lands on its node in the inspector and the
// rest of the graph is still checked.
import { validateGuardrailPolicies } from "@/lib/model/guardrails/run-guardrails";
import type { core } from "zod";
import { BUILTIN_TOOLS } from "@/lib/model/tools/catalog";
import { canConnect } from "@/lib/model/flow/connection-rules";
import { unsupportedReason } from "@/lib/model/flow/engine-support";
import { expressionError } from "@/lib/model/flow/expressions";
import { NODE_KIND_LIST, NODE_KINDS, nodeOutputs } from "@/lib/model/flow/registry";
import {
  DEFAULT_NODE_POLICY,
  FLOW_SCHEMA_VERSION,
  flowEdgeSchema,
  flowGraphSchema,
  flowNodeSchema,
  LOW_CONFIDENCE_HANDLE,
  type FlowEdge,
  type FlowGraph,
  type FlowNode,
  type NodeKind,
  type NodeOf,
} from "@/lib/model/flow/schema";
import { templateVariables } from "@/lib/model/flow/template";

export type FlowIssue = {
  severity: "error" | "warning";
  code: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  path?: (string | number)[];
};

type IssuePath = (string | number)[];
type ZodIssue = core.$ZodIssue;

/** Every node with a readable id, even when its settings fail the schema: links and loops are judged on shells. */
type Shell = { id: string; kind: NodeKind | null; label: string; node: FlowNode | null };

type Model = {
  shells: Shell[];
  shellById: Map<string, Shell>;
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** Control edges whose both ends exist. */
  next: Map<string, string[]>;
  /** Tool links whose both ends exist. */
  toolLinks: Link[];
  /** Malformed links whose ends are readable: still followed, so one bad link does not make the rest unreachable. */
  looseLinks: (Link & { kind: unknown; sourceHandle: string })[];
  issues: FlowIssue[];
};

type Link = { source: string; target: string };

const MIN_EXAMPLES = 5;
const MULTI_OUTPUT_KINDS = new Set<NodeKind>(["router", "condition", "guardrail", "parallel", "join", "approval"]);
const CONDITION_ELSE = "else";
const WAIT_POINTS = NODE_KIND_LIST.filter((spec) => spec.suspends)
  .map((spec) => spec.label.toLowerCase())
  .join(", ");

export function validateFlow(graph: unknown): FlowIssue[] {
  const model = readGraph(graph);
  if (model.shells.length > 0) {
    checkStarts(model);
    checkEdges(model);
    checkReachability(model);
    checkLoops(model);
    checkUnwiredOutputs(model);
    checkTemplates(model);
    for (const node of model.nodes) checkNode(model, node);
  }
  return model.issues.sort((a, b) => rank(a) - rank(b));
}

export function hasBlockingIssues(issues: FlowIssue[]): boolean {
  return issues.some((issue) => issue.severity === "error");
}

const rank = (issue: FlowIssue) => (issue.severity === "error" ? 0 : 1);
const quote = (text: string) => `“${text}”`;
const name = (node: { label: string }) => quote(node.label);

// ---------------------------------------------------------------- reading

function readGraph(raw: unknown): Model {
  const model: Model = {
    shells: [],
    shellById: new Map(),
    nodes: [],
    edges: [],
    next: new Map(),
    toolLinks: [],
    looseLinks: [],
    issues: [],
  };
  const parsed = flowGraphSchema.safeParse(raw);
  if (parsed.success) {
    for (const node of parsed.data.nodes) addShell(model, { id: node.id, kind: node.kind, label: node.label, node });
    model.edges = parsed.data.edges;
  } else {
    readLeniently(model, raw, parsed.error.issues);
  }
  indexEdges(model);
  return model;
}

function readLeniently(model: Model, raw: unknown, schemaIssues: readonly ZodIssue[]) {
  const graph = isRecord(raw) ? raw : null;
  if (!graph || !Array.isArray(graph.nodes)) {
    model.issues.push(error("invalid_graph", "This is not a flow graph: it has no list of nodes."));
    return;
  }
  if (graph.schemaVersion !== FLOW_SCHEMA_VERSION) {
    model.issues.push(
      error(
        "unsupported_version",
        `This graph uses format version ${String(graph.schemaVersion)}; this Switchboard reads version ${FLOW_SCHEMA_VERSION}.`,
      ),
    );
  }
  if (graph.nodes.length === 0) model.issues.push(error("no_start", "The flow is empty: add a Start node."));
  // Limits on the lists themselves (too many nodes, edges not a list) sit at the top of the schema's report.
  for (const issue of schemaIssues) {
    if (
      issue.path.length === 1 &&
      issue.path[0] !== "schemaVersion" &&
      !(issue.path[0] === "nodes" && graph.nodes.length === 0)
    ) {
      model.issues.push(error("invalid_graph", `The graph's ${String(issue.path[0])}: ${issue.message}`));
    }
  }
  graph.nodes.forEach((node, index) => readNode(model, node, index));
  if (Array.isArray(graph.edges)) graph.edges.forEach((edge, index) => readEdge(model, edge, index));
}

const nodeBase = flowNodeSchema.options[0].pick({ id: true, label: true, position: true });

function readNode(model: Model, raw: unknown, index: number) {
  // An id with bad characters still names the node, so its links are judged rather than called dangling.
  const nodeId = isRecord(raw) && typeof raw.id === "string" && raw.id ? raw.id : null;
  if (!isRecord(raw) || !nodeId) {
    model.issues.push(error("invalid_node", `Node ${index + 1} has no id.`));
    return;
  }
  const label = typeof raw.label === "string" && raw.label.trim() ? raw.label : nodeId;
  const kind = typeof raw.kind === "string" && Object.hasOwn(NODE_KINDS, raw.kind) ? (raw.kind as NodeKind) : null;
  const shell: Shell = { id: nodeId, kind, label, node: null };
  if (!addShell(model, shell)) return;
  if (!kind) {
    model.issues.push({
      ...error(
        "unknown_kind",
        `${quote(label)} is a “${String(raw.kind)}” node, which this Switchboard does not know.`,
      ),
      nodeId,
    });
    return;
  }
  const base = nodeBase.safeParse(raw);
  const config = NODE_KINDS[kind].configSchema.safeParse(raw.config);
  for (const issue of base.success ? [] : base.error.issues) {
    const field = String(issue.path[0] ?? "node");
    // The name is the one setting outside config that the inspector edits; no config has a top-level "label".
    const path = field === "label" ? { path: ["label"] } : {};
    model.issues.push({ ...error("invalid_node", `${quote(label)}: ${field} — ${issue.message}`), nodeId, ...path });
  }
  for (const issue of config.success ? [] : config.error.issues) {
    const path = issuePath(issue.path);
    const where = path.length ? `${formatPath(path)} — ` : "";
    model.issues.push({ ...error("invalid_config", `${quote(label)}: ${where}${issue.message}`), nodeId, path });
  }
  if (base.success && config.success) {
    shell.node = { ...base.data, kind, config: config.data } as FlowNode;
    model.nodes.push(shell.node);
  }
}

function addShell(model: Model, shell: Shell): boolean {
  if (model.shellById.has(shell.id)) {
    model.issues.push({
      ...error(
        "duplicate_id",
        `Two nodes share the id “${shell.id}” (${name(model.shellById.get(shell.id)!)} and ${name(shell)}); give one a new id.`,
      ),
      nodeId: shell.id,
    });
    return false;
  }
  model.shells.push(shell);
  model.shellById.set(shell.id, shell);
  if (shell.node) model.nodes.push(shell.node);
  return true;
}

function readEdge(model: Model, raw: unknown, index: number) {
  const parsed = flowEdgeSchema.safeParse(raw);
  if (parsed.success) {
    model.edges.push(parsed.data);
    return;
  }
  const edgeId = isRecord(raw) && typeof raw.id === "string" ? raw.id : undefined;
  if (isRecord(raw) && typeof raw.source === "string" && typeof raw.target === "string") {
    model.looseLinks.push({
      source: raw.source,
      target: raw.target,
      kind: raw.kind,
      sourceHandle: typeof raw.sourceHandle === "string" ? raw.sourceHandle : "out",
    });
  }
  const reported = new Set<string>();
  for (const issue of parsed.error.issues) {
    const field = issuePath(issue.path);
    // One problem per field is enough: an empty id is both too short and has no allowed characters.
    if (reported.has(formatPath(field))) continue;
    reported.add(formatPath(field));
    const where = field.length ? ` (${formatPath(field)})` : "";
    model.issues.push({
      ...error("invalid_edge", `Link ${edgeId ? quote(edgeId) : index + 1} is malformed${where}: ${issue.message}`),
      edgeId,
    });
  }
}

function indexEdges(model: Model) {
  const seen = new Set<string>();
  const kept: FlowEdge[] = [];
  for (const edge of model.edges) {
    if (seen.has(edge.id)) {
      model.issues.push({
        ...error("duplicate_id", `Two links share the id “${edge.id}”; give one a new id.`),
        edgeId: edge.id,
      });
      continue;
    }
    seen.add(edge.id);
    kept.push(edge);
    follow(model, edge, edge.kind === "tool");
  }
  model.edges = kept;
  for (const link of model.looseLinks) follow(model, link, link.kind === "tool");
}

function follow(model: Model, link: Link, isToolLink: boolean) {
  if (!model.shellById.has(link.source) || !model.shellById.has(link.target)) return;
  if (isToolLink) model.toolLinks.push(link);
  else push(model.next, link.source, link.target);
}

// ---------------------------------------------------------------- graph-wide rules

function checkStarts(model: Model) {
  const starts = model.shells.filter((shell) => shell.kind === "start");
  if (starts.length === 0)
    model.issues.push(error("no_start", "The flow has no Start node, so no conversation can enter it."));
  for (const extra of starts.slice(1)) {
    model.issues.push({
      ...error(
        "multiple_starts",
        `${name(extra)} is a second Start node; a flow has exactly one entry. Remove it or turn it into another node.`,
      ),
      nodeId: extra.id,
    });
  }
}

function checkEdges(model: Model) {
  const byOutput = new Map<string, FlowEdge>();
  const permissions = new Set<string>();
  for (const edge of model.edges) {
    const source = model.shellById.get(edge.source);
    const target = model.shellById.get(edge.target);
    if (!source || !target) {
      model.issues.push(danglingIssue(edge, source, target));
      continue;
    }
    if (source.node && target.node) checkConnectionRule(model, edge, source.node, target.node);
    const key = edge.kind === "tool" ? `${edge.source}→${edge.target}` : `${edge.source}:${edge.sourceHandle}`;
    if (edge.kind === "tool" ? permissions.has(key) : byOutput.has(key)) {
      model.issues.push(conflictIssue(model, edge, source, byOutput.get(key)));
    }
    if (edge.kind === "tool") permissions.add(key);
    else byOutput.set(key, edge);
    if (edge.kind === "tool" && (target.node?.kind === "tool" || target.node?.kind === "remote_agent"))
      checkPermissionLimits(model, edge, source, target.node);
  }
}

function danglingIssue(edge: FlowEdge, source: Shell | undefined, target: Shell | undefined): FlowIssue {
  const message = source
    ? `A link from ${name(source)} leads to a node that no longer exists (“${edge.target}”); delete the link.`
    : target
      ? `A link into ${name(target)} comes from a node that no longer exists (“${edge.source}”); delete the link.`
      : `A link joins two nodes that no longer exist (“${edge.source}” → “${edge.target}”); delete it.`;
  return { ...error("dangling_edge", message), edgeId: edge.id, nodeId: source?.id ?? target?.id };
}

/** The endpoint rules need only the two nodes; conflicts between links are judged across the whole graph here. */
function checkConnectionRule(model: Model, edge: FlowEdge, source: FlowNode, target: FlowNode) {
  const pair: FlowGraph = {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: source === target ? [source] : [source, target],
    edges: [],
  };
  const verdict = canConnect(pair, edge);
  const link = `The link from ${name(source)} to ${name(target)}`;
  if (!verdict.ok) {
    model.issues.push({
      ...error("bad_handle", `${link} is not allowed: ${verdict.reason}`),
      edgeId: edge.id,
      nodeId: source.id,
    });
  } else if (verdict.kind === "tool" && edge.sourceHandle !== "tools") {
    // The canvas accepts a permission dragged backwards but saves it agent → tool; the engine reads only that way.
    model.issues.push({
      ...error("bad_handle", `${link} is a tool permission saved backwards; redraw it from the agent's tools handle.`),
      edgeId: edge.id,
      nodeId: source.id,
    });
  } else if (verdict.kind !== edge.kind) {
    const drawn = edge.kind === "tool" ? "a tool permission" : "a control link";
    const joins = verdict.kind === "tool" ? "an agent's tools to a tool's permission handle" : "an output to an input";
    model.issues.push({
      ...error("bad_handle", `${link} is saved as ${drawn} but joins ${joins}; redraw it.`),
      edgeId: edge.id,
      nodeId: source.id,
    });
  }
}

function conflictIssue(model: Model, edge: FlowEdge, source: Shell, first: FlowEdge | undefined): FlowIssue {
  const target = model.shellById.get(edge.target)!;
  if (edge.kind === "tool") {
    return {
      ...error(
        "duplicate_edge",
        `${name(source)} has two permission links to ${name(target)}; keep one so its limits are unambiguous.`,
      ),
      edgeId: edge.id,
      nodeId: source.id,
    };
  }
  const firstTarget = first ? model.shellById.get(first.target) : undefined;
  return {
    ...error(
      "duplicate_edge",
      `The “${edge.sourceHandle}” output of ${name(source)} leads to both ${firstTarget ? name(firstTarget) : "another node"} and ${name(target)}; only the first is ever taken. Remove one.`,
    ),
    edgeId: edge.id,
    nodeId: source.id,
  };
}

function checkPermissionLimits(
  model: Model,
  edge: FlowEdge,
  agent: Shell,
  tool: NodeOf<"tool"> | NodeOf<"remote_agent">,
) {
  if (!hasSideEffect(tool)) return;
  const limits = edge.permission;
  if (limits && (limits.ratePerConversation > 0 || limits.ratePerMinute > 0 || limits.approvalAbove !== null)) return;
  model.issues.push({
    ...warning(
      "unlimited_side_effect",
      `${name(agent)} may call ${name(tool)}, which changes data, with no rate limit and no approval; set a limit or an approval amount on the link.`,
    ),
    edgeId: edge.id,
    nodeId: tool.id,
  });
}

const hasSideEffect = (tool: NodeOf<"tool"> | NodeOf<"remote_agent">) =>
  tool.config.sideEffect ||
  (tool.kind === "tool" && tool.config.builtin ? BUILTIN_TOOLS[tool.config.builtin].sideEffect : false);

function checkReachability(model: Model) {
  const starts = model.shells.filter((shell) => shell.kind === "start").map((shell) => shell.id);
  if (starts.length === 0) return;
  const reached = reach(starts, model.next);
  for (const link of model.toolLinks) if (reached.has(link.source)) reached.add(link.target);
  for (const shell of model.shells) {
    if (reached.has(shell.id)) continue;
    const why =
      shell.kind && NODE_KINDS[shell.kind].toolLinks === "target"
        ? "no reachable agent has permission to call it and no step leads to it"
        : "no path from the Start node leads to it";
    model.issues.push({ ...error("unreachable", `${name(shell)} can never run: ${why}.`), nodeId: shell.id });
  }
}

/** Loops are legal only through a node that waits (for the customer, a person or a timer); otherwise a turn spins forever. */
function checkLoops(model: Model) {
  const spins = (id: string) => {
    const kind = model.shellById.get(id)?.kind;
    return kind !== null && kind !== undefined && !NODE_KINDS[kind].suspends;
  };
  const next = new Map<string, string[]>();
  for (const [source, targets] of model.next) {
    if (spins(source)) next.set(source, targets.filter(spins));
  }
  for (const component of stronglyConnected([...next.keys()], next)) {
    const isLoop = component.length > 1 || (next.get(component[0]) ?? []).includes(component[0]);
    if (!isLoop) continue;
    const members = component
      .map((id) => model.shellById.get(id)!)
      .sort((a, b) => model.shells.indexOf(a) - model.shells.indexOf(b));
    model.issues.push({
      ...error(
        "loop_without_wait",
        `${listNames(members)} form a loop with no wait point, so a turn could run forever. Put a wait point in the loop (${WAIT_POINTS}).`,
      ),
      nodeId: members[0].id,
    });
  }
}

function checkUnwiredOutputs(model: Model) {
  const wired = new Set(
    [...model.edges, ...model.looseLinks]
      .filter((edge) => edge.kind !== "tool")
      .map((edge) => `${edge.source}:${edge.sourceHandle}`),
  );
  for (const node of model.nodes) {
    if (!MULTI_OUTPUT_KINDS.has(node.kind) && node.kind !== "start") continue;
    // An output guardrail checks replies already written; its paths may end there (a blocked reply gets a neutral line).
    if (node.kind === "guardrail" && (node.config as { stage?: string } | undefined)?.stage === "output") continue;
    nodeOutputs(node).forEach((port, index) => {
      if (wired.has(`${node.id}:${port.id}`)) return;
      const path = outputPath(node, index);
      model.issues.push({
        ...warning("unwired_output", unwiredMessage(node, port.label, port.id), path),
        nodeId: node.id,
      });
    });
  }
}

function unwiredMessage(node: FlowNode, portLabel: string, portId: string): string {
  if (node.kind === "start")
    return `${name(node)} leads nowhere, so the flow never answers; connect it to the first step.`;
  if (node.kind === "router" && portId === LOW_CONFIDENCE_HANDLE) {
    const when = node.config.strategy === "rules" ? "no rule matches" : "it is not confident";
    return `When ${when}, ${name(node)} sends the message down its low confidence output, which is not connected, so low-confidence messages will get no answer.`;
  }
  if (node.kind === "router")
    return `Messages that ${name(node)} routes to “${portLabel}” will get no answer: that route is not connected.`;
  if (node.kind === "condition" && portId === CONDITION_ELSE)
    return `When no branch of ${name(node)} matches, the turn ends without a reply: connect its else output.`;
  return `The “${portLabel}” output of ${name(node)} is not connected, so that path ends without a reply.`;
}

/** Points the inspector at the route or branch behind an output; fixed ports (else, low confidence) have no setting. */
function outputPath(node: FlowNode, index: number): IssuePath | undefined {
  if (node.kind === "router" && index < node.config.routes.length) return ["routes", index];
  if ((node.kind === "condition" || node.kind === "parallel") && index < node.config.branches.length)
    return ["branches", index];
  return undefined;
}

// ---------------------------------------------------------------- templates

type TemplateSite = { node: FlowNode; path: IssuePath; text: string; orderInScope: boolean };

/**
 * `order.*` is filled only after an order lookup: in a lookup_order agent itself, or in a node every path to
 * which passes a lookup_order agent or tool first (a path that skips the lookup would fail on that customer).
 */
function checkTemplates(model: Model) {
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
      return [{ node, path: ["reply"], text: node.config.reply, orderInScope: true }];
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

// ---------------------------------------------------------------- per-node rules

function checkNode(model: Model, node: FlowNode) {
  const reason = unsupportedReason(node);
  if (reason)
    model.issues.push({
      ...error("engine_unsupported", `${name(node)} can be drawn but not published yet: ${reason}`),
      nodeId: node.id,
    });
  for (const issue of nodeIssues(model, node)) model.issues.push({ ...issue, nodeId: node.id });
}

function nodeIssues(model: Model, node: FlowNode): FlowIssue[] {
  switch (node.kind) {
    case "router":
      return routerIssues(node);
    case "condition":
      return conditionIssues(node);
    case "parallel":
      return duplicateIds(node, node.config.branches, "branches", "branch");
    case "agent":
      return agentIssues(model, node);
    case "tool":
      return toolIssues(node);
    case "remote_agent":
      return remoteAgentIssues(node);
    case "response":
      return node.config.template.trim()
        ? []
        : [error("missing_setting", `${name(node)} has no wording to send.`, ["template"])];
    case "guardrail":
      return guardrailIssues(node);
    case "join":
      return joinIssues(model, node);
    case "approval":
      return approvalIssues(model, node);
    case "set_memory":
      return setMemoryIssues(node);
    case "escalate":
      return literalVariables(node, node.config.message, ["message"]);
    default:
      return [];
  }
}

function routerIssues(node: NodeOf<"router">): FlowIssue[] {
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
    issues.push(...routeStrategyIssues(node, route, index));
  });
  if (node.config.strategy === "classifier") issues.push(...sharedExamples(node));
  return issues;
}

function routeStrategyIssues(
  node: NodeOf<"router">,
  route: NodeOf<"router">["config"]["routes"][number],
  index: number,
): FlowIssue[] {
  const at = (field: string): IssuePath => ["routes", index, field];
  const which = `${name(node)}: route “${route.label}”`;
  switch (node.config.strategy) {
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

function conditionIssues(node: NodeOf<"condition">): FlowIssue[] {
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

function agentIssues(model: Model, node: NodeOf<"agent">): FlowIssue[] {
  const issues = duplicateNames(
    node,
    node.config.slots.map((slot) => slot.name),
    "slots",
    "name",
    "slot",
  );
  if (node.config.mode === "llm") {
    if (!node.config.systemPrompt.trim())
      issues.push(
        warning("missing_setting", `${name(node)} has no system prompt, so the model gets no instructions.`, [
          "systemPrompt",
        ]),
      );
    return issues;
  }
  if (!node.config.reply.trim())
    issues.push(error("missing_setting", `${name(node)} has no reply, so it would answer with nothing.`, ["reply"]));
  const tool = node.config.tool;
  if (tool && !permits(model, node.id, tool)) {
    issues.push(
      error(
        "unpermitted_tool",
        `${name(node)} calls “${BUILTIN_TOOLS[tool].label}” but has no permission link to a “${BUILTIN_TOOLS[tool].label}” tool node; connect its tools handle to one.`,
        ["tool"],
      ),
    );
  }
  return issues;
}

function permits(model: Model, agentId: string, tool: string): boolean {
  return model.toolLinks.some((link) => {
    const target = model.shellById.get(link.target)?.node;
    return (
      link.source === agentId &&
      target?.kind === "tool" &&
      target.config.source === "builtin" &&
      target.config.builtin === tool
    );
  });
}

function toolIssues(node: NodeOf<"tool">): FlowIssue[] {
  const { source, builtin, http, mcp } = node.config;
  if (source === "builtin") {
    if (!builtin) return [error("missing_setting", `${name(node)} has no built-in tool chosen.`, ["builtin"])];
    return BUILTIN_TOOLS[builtin].sideEffect && !node.config.sideEffect
      ? [
          warning(
            "side_effect_mismatch",
            `${name(node)} runs “${BUILTIN_TOOLS[builtin].label}”, which changes data, but is marked read-only.`,
            ["sideEffect"],
          ),
        ]
      : [];
  }
  if (source === "http")
    return http?.url.trim() ? [] : [error("missing_setting", `${name(node)} has no URL to call.`, ["http", "url"])];
  const missing = [!mcp?.server.trim() && "server", !mcp?.tool.trim() && "tool"].filter((field): field is string =>
    Boolean(field),
  );
  return missing.map((field) => error("missing_setting", `${name(node)} has no MCP ${field} set.`, ["mcp", field]));
}

function remoteAgentIssues(node: NodeOf<"remote_agent">): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const url = node.config.cardUrl.trim();
  if (!url) issues.push(error("missing_setting", `${name(node)} has no agent card URL.`, ["cardUrl"]));
  else if (!/^https?:\/\/[^/\s]+/i.test(url))
    issues.push(
      error("bad_setting", `${name(node)}: the agent card URL must start with http:// or https://.`, ["cardUrl"]),
    );
  if (!node.config.message.trim())
    issues.push(
      error(
        "missing_setting",
        `${name(node)} has no message to send; {{message}} sends what the customer (or the calling agent) said.`,
        ["message"],
      ),
    );
  const nodeTimeout = node.policy?.timeoutMs ?? DEFAULT_NODE_POLICY.timeoutMs;
  if (node.config.timeoutMs >= nodeTimeout) {
    issues.push(
      warning(
        "bad_setting",
        `${name(node)} waits up to ${node.config.timeoutMs} ms for the remote agent, but the node itself times out after ${nodeTimeout} ms; lower one or raise the other.`,
        ["timeoutMs"],
      ),
    );
  }
  node.config.headers.forEach((header, index) => {
    if (header.secret && header.value && !/\{\{\s*secret\s*\}\}/.test(header.value)) {
      issues.push(
        warning(
          "bad_setting",
          `${name(node)}: header ${header.name} names the secret ${header.secret} but its value has no {{secret}}, so the value is replaced by the secret.`,
          ["headers", index, "value"],
        ),
      );
    }
  });
  return issues;
}

function guardrailIssues(node: NodeOf<"guardrail">): FlowIssue[] {
  const needsValues = new Set(["blocked_phrases", "required_disclosure", "output_schema", "exact_wording"]);
  const missing = node.config.policies.flatMap((policy, index) =>
    needsValues.has(policy.type) && policy.values.length === 0
      ? [
          error(
            "missing_setting",
            `${name(node)}: the ${policy.type.replace("_", " ")} policy has nothing to check; add ${policy.type === "output_schema" ? "a JSON schema" : policy.type === "exact_wording" ? "the approved text" : "at least one phrase"}.`,
            ["policies", index, "values"],
          ),
        ]
      : [],
  );
  if (missing.length) return missing;
  // The same checks the engine would throw on at run time (an unknown topic, a schema that is not JSON…), at publish.
  return validateGuardrailPolicies(node.config.policies).map((problem) =>
    error("bad_setting", `${name(node)}: ${problem}`, ["policies"]),
  );
}

function joinIssues(model: Model, node: NodeOf<"join">): FlowIssue[] {
  let incoming = 0;
  for (const targets of model.next.values()) for (const target of targets) if (target === node.id) incoming++;
  if (node.config.mode === "first_n" && node.config.n > incoming) {
    return [
      error(
        "bad_setting",
        `${name(node)} waits for the first ${node.config.n} branches but only ${incoming} lead into it, so it would always time out.`,
        ["n"],
      ),
    ];
  }
  return incoming < 2
    ? [
        warning(
          "bad_setting",
          `${name(node)} has ${incoming === 0 ? "no branches" : "only one branch"} leading into it; a join brings several parallel branches together.`,
        ),
      ]
    : [];
}

function approvalIssues(model: Model, node: NodeOf<"approval">): FlowIssue[] {
  const ref = node.config.toolNodeId;
  if (ref === undefined) return [];
  const target = model.shellById.get(ref);
  if (target?.kind && NODE_KINDS[target.kind].toolLinks === "target") return [];
  const what = target ? `${name(target)}, which is not a tool` : `“${ref}”, which is not on the canvas`;
  return [error("bad_reference", `${name(node)} guards ${what}; pick a tool node.`, ["toolNodeId"])];
}

function setMemoryIssues(node: NodeOf<"set_memory">): FlowIssue[] {
  const seen = new Set<string>();
  return node.config.assignments.flatMap((assignment, index) => {
    const key = `${assignment.scope}:${assignment.key}`;
    if (!seen.has(key)) {
      seen.add(key);
      return [];
    }
    return [
      warning("duplicate_key", `${name(node)} sets “${assignment.key}” twice; only the last value is kept.`, [
        "assignments",
        index,
        "key",
      ]),
    ];
  });
}

/** Escalation messages are sent as written: a {{variable}} there would reach the customer verbatim. */
function literalVariables(node: FlowNode, text: string, path: IssuePath): FlowIssue[] {
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

function duplicateIds(
  node: FlowNode,
  items: { id: string; label: string }[],
  field: string,
  noun: string,
): FlowIssue[] {
  return duplicateNames(
    node,
    items.map((item) => item.id),
    field,
    "id",
    noun,
  );
}

function duplicateNames(node: FlowNode, names: string[], field: string, key: string, noun: string): FlowIssue[] {
  const seen = new Set<string>();
  const issues: FlowIssue[] = [];
  names.forEach((value, index) => {
    if (seen.has(value))
      issues.push(
        error("duplicate_id", `${name(node)} has two ${noun}s with the ${key} “${value}”; each needs its own.`, [
          field,
          index,
          key,
        ]),
      );
    seen.add(value);
  });
  return issues;
}

// ---------------------------------------------------------------- helpers

function error(code: string, message: string, path?: IssuePath): FlowIssue {
  return path ? { severity: "error", code, message, path } : { severity: "error", code, message };
}

function warning(code: string, message: string, path?: IssuePath): FlowIssue {
  return path ? { severity: "warning", code, message, path } : { severity: "warning", code, message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function issuePath(path: readonly PropertyKey[]): IssuePath {
  return path.filter((part): part is string | number => typeof part === "string" || typeof part === "number");
}

function formatPath(path: IssuePath): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

function listNames(shells: Shell[]): string {
  const names = shells.map(name);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function push(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Breadth-first reach over control edges; `stop` nodes are reached but not passed through. */
function reach(from: string[], next: Map<string, string[]>, stop?: (id: string) => boolean): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  for (let i = 0; i < queue.length; i++) {
    if (stop?.(queue[i])) continue;
    for (const target of next.get(queue[i]) ?? []) {
      if (seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return seen;
}

/** Tarjan's strongly connected components, iterative so a long chain cannot overflow the stack. */
function stronglyConnected(ids: string[], next: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (id: string) => {
    index.set(id, index.size);
    low.set(id, index.get(id)!);
    stack.push(id);
    onStack.add(id);
  };
  for (const root of ids) {
    if (index.has(root)) continue;
    visit(root);
    const frames = [{ id: root, cursor: 0 }];
    while (frames.length) {
      const frame = frames[frames.length - 1];
      const targets = next.get(frame.id) ?? [];
      if (frame.cursor < targets.length) {
        const target = targets[frame.cursor++];
        if (!index.has(target)) {
          visit(target);
          frames.push({ id: target, cursor: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(target)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) components.push(popComponent(stack, onStack, frame.id));
    }
  }
  return components;
}

function popComponent(stack: string[], onStack: Set<string>, root: string): string[] {
  const component: string[] = [];
  let id: string;
  do {
    id = stack.pop()!;
    onStack.delete(id);
    component.push(id);
  } while (id !== root);
  return component;
}
