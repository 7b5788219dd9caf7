// Reads a graph into the model every rule family judges, leniently: a node or link the schema rejects is reported
// where it is and still read as far as it can be, so the rest of the graph is checked too.
import type { core } from "zod";
import { withoutInvalidInactive } from "@/lib/model/flow/node-modes";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import {
  FLOW_SCHEMA_VERSION,
  flowEdgeSchema,
  flowGraphSchema,
  flowNodeSchema,
  type FlowEdge,
  type FlowNode,
  type NodeKind,
} from "@/lib/model/flow/schema";
import { error, name, quote, type FlowIssue, type IssuePath } from "./flow-issue";

type ZodIssue = core.$ZodIssue;

/** Every node with a readable id, even when its settings fail the schema: links and loops are judged on shells. */
export type Shell = { id: string; kind: NodeKind | null; label: string; node: FlowNode | null };

export type Model = {
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

export type Link = { source: string; target: string };

export function readGraph(raw: unknown): Model {
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
  const config = parseConfig(kind, raw.config);
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

/**
 * A setting of a mode the node is not in is not judged: when only such settings fail the schema, the node is read
 * with them at their defaults (the draft is saved the same way, see draftNodeSchema).
 */
function parseConfig(kind: NodeKind, raw: unknown) {
  const { configSchema, modes } = NODE_KINDS[kind];
  const first = configSchema.safeParse(raw);
  if (first.success || !modes || !isRecord(raw)) return first;
  const pruned = withoutInvalidInactive(
    modes,
    raw,
    first.error.issues.map((issue) => issue.path),
  );
  return pruned === raw ? first : configSchema.safeParse(pruned);
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function issuePath(path: readonly PropertyKey[]): IssuePath {
  return path.filter((part): part is string | number => typeof part === "string" || typeof part === "number");
}

function formatPath(path: IssuePath): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

function push(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
