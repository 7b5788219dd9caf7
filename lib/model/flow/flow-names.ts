// The one name each callable tool and each route goes by wherever a flow's behaviour is named: the engine's tool
// calls, their trace spans, eval expectations and the designer's permissions matrix. A tool is called by its built-in
// name (`lookup_order`), or by its node's id for HTTP and MCP tools and remote agents; a route by its id. People read
// the node's or route's label first, with this name beside it.
import { LOW_CONFIDENCE_HANDLE } from "./schema";

/** Enough of a node to name it: a strictly parsed node, or a draft's node whose config is still being written. */
type NodeLike = { id: string; kind: string; label: string; config: unknown };

export type NamedItem = {
  /** What expectations, spans and the engine use. */
  name: string;
  /** What people read: the node's or route's label (several nodes running the same built-in tool are joined). */
  label: string;
};

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** What the engine calls a tool node or remote agent: the built-in name, or the node's id for everything else. */
export function toolName(node: NodeLike): string {
  const config = record(node.config);
  return node.kind === "tool" && (config.source ?? "builtin") === "builtin" && typeof config.builtin === "string"
    ? config.builtin
    : node.id;
}

export const isCallableKind = (kind: string) => kind === "tool" || kind === "remote_agent";

/** The tools a flow's agents can call, once per name, in the order of the graph. */
export function flowToolNames(nodes: readonly NodeLike[]): NamedItem[] {
  const byName = new Map<string, string[]>();
  for (const node of nodes) {
    if (!isCallableKind(node.kind)) continue;
    const name = toolName(node);
    byName.set(name, [...(byName.get(name) ?? []), node.label || node.id]);
  }
  return [...byName].map(([name, labels]) => ({ name, label: [...new Set(labels)].join(" / ") }));
}

/** The routes a flow's routers choose between (a router's first decision of a turn is its route), once per id. */
export function flowRouteNames(nodes: readonly NodeLike[]): NamedItem[] {
  const byName = new Map<string, string>();
  for (const node of nodes) {
    if (node.kind !== "router") continue;
    const routes = record(node.config).routes;
    for (const route of Array.isArray(routes) ? routes : []) {
      const { id, label } = record(route);
      if (typeof id === "string" && id && !byName.has(id))
        byName.set(id, typeof label === "string" && label ? label : id);
    }
  }
  if (byName.size) byName.set(LOW_CONFIDENCE_HANDLE, "low confidence (no route chosen)");
  return [...byName].map(([name, label]) => ({ name, label }));
}

/** "Order lookup (lookup_order)", or the bare name when the label says nothing more. */
export function labelWithName(item: NamedItem): string {
  return item.label && item.label !== item.name ? `${item.label} (${item.name})` : item.name;
}
