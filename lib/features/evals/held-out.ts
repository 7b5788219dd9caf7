// Honest routing figures for simulated customers: a share of each route's examples is held out of training, the
// phrasings are made from those held-out examples only, and the router they are judged by is trained on the rest.
// Without this, offline phrasings are the router's own training examples with greetings and typos added, and the
// accuracy they measure is optimistic. Pure: the simulator, the suite runs, the bench and the console share it.
import { draftGraphSchema, type FlowGraph } from "@/lib/model/flow/schema";
import { normalizePhrasing, type RouteSource } from "./offline-phrasings";

/** Which examples a simulated phrasing was made from: held out of the router's training, or trained on. */
export type RoutingBasis = "held_out" | "training";
export type HoldOut = { seed: number; share: number };

/**
 * 20% of each route's examples, with a fixed seed: every "Simulate customers" click and every run of a suite holds
 * out the same examples while the flow's examples stay the same.
 */
export const DEFAULT_HOLD_OUT: HoldOut = { seed: 7, share: 0.2 };
/** A route needs this many distinct examples to give one up and still train on at least two. */
export const MIN_EXAMPLES_TO_HOLD_OUT = 3;

export type RouteSplit = { route: string; train: string[]; heldOut: string[] };

/** Every route of every router in a graph (draft or version), merged by id; unreadable graphs have none. */
export function routesOfGraph(graph: unknown): { routes: RouteSource[]; models: string[] } {
  const parsed = draftGraphSchema.safeParse(graph);
  if (!parsed.success) return { routes: [], models: [] };
  const byId = new Map<string, RouteSource>();
  const models: string[] = [];
  for (const node of parsed.data.nodes) {
    if (node.kind !== "router") continue;
    const config = node.config as { model?: unknown; routes?: unknown };
    if (typeof config.model === "string" && config.model.trim()) models.push(config.model.trim());
    if (!Array.isArray(config.routes)) continue;
    for (const raw of config.routes as Record<string, unknown>[]) {
      if (!raw || typeof raw.id !== "string") continue;
      const examples = Array.isArray(raw.examples)
        ? raw.examples.filter((e): e is string => typeof e === "string" && e.trim() !== "")
        : [];
      const existing = byId.get(raw.id);
      if (existing) {
        existing.examples.push(...examples.filter((e) => !existing.examples.includes(e)));
        continue;
      }
      byId.set(raw.id, {
        route: raw.id,
        label: typeof raw.label === "string" ? raw.label : raw.id,
        description: typeof raw.description === "string" ? raw.description : "",
        examples: [...examples],
      });
    }
  }
  return { routes: [...byId.values()], models };
}

/** FNV-1a: a stable rank for an example that depends on the seed, the route and the text, never on the order. */
function rank(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * Holds out `share` of each route's distinct examples (at least one when it has MIN_EXAMPLES_TO_HOLD_OUT, none when
 * fewer). Spellings of one phrasing ("Where is my order?", "where is my order") go to the same side. Adding an
 * example to a route rarely moves the others: each example's side depends on its own rank.
 */
export function splitExamples(routes: RouteSource[], holdOut: HoldOut = DEFAULT_HOLD_OUT): RouteSplit[] {
  return routes.map(({ route, examples }) => {
    const distinct = [...new Set(examples.map(normalizePhrasing).filter(Boolean))];
    const count =
      distinct.length < MIN_EXAMPLES_TO_HOLD_OUT
        ? 0
        : Math.min(distinct.length - 1, Math.max(1, Math.round(distinct.length * holdOut.share)));
    const held = new Set(
      distinct
        .map((key) => ({ key, rank: rank(`${holdOut.seed}\u0000${route}\u0000${key}`) }))
        .sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key))
        .slice(0, count)
        .map((entry) => entry.key),
    );
    return {
      route,
      train: examples.filter((e) => !held.has(normalizePhrasing(e))),
      heldOut: examples.filter((e) => held.has(normalizePhrasing(e))),
    };
  });
}

/** The held-out examples of all routes, normalized. */
export function heldOutTexts(splits: RouteSplit[]): Set<string> {
  return new Set(splits.flatMap((split) => split.heldOut.map(normalizePhrasing)));
}

type Route = { examples: string[] };
function withoutTexts<R extends Route>(routes: R[], texts: Set<string>): R[] {
  return routes.map((route) => {
    const kept = route.examples.filter((e) => !texts.has(normalizePhrasing(e)));
    // A route left with nothing would not train; it keeps its examples and cases made from them count as trained on.
    return kept.length ? { ...route, examples: kept } : route;
  });
}

/**
 * The graph with every held-out text removed from every router's and interruption check's examples (wherever it
 * appears, under any route): what the simulation's router is trained on, with the same training as publishing.
 */
export function graphWithoutHeldOut(graph: FlowGraph, texts: Set<string>): FlowGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      if (node.kind === "router")
        return { ...node, config: { ...node.config, routes: withoutTexts(node.config.routes, texts) } };
      if (node.kind === "start" && node.config.interruptions.routes.length)
        return {
          ...node,
          config: {
            ...node.config,
            interruptions: {
              ...node.config.interruptions,
              routes: withoutTexts(node.config.interruptions.routes, texts),
            },
          },
        };
      return node;
    }),
  };
}

/** Every example a graph's routers and interruption checks train on (or show a model), normalized. */
export function trainedTexts(graph: unknown): Set<string> {
  const parsed = draftGraphSchema.safeParse(graph);
  const out = new Set<string>();
  if (!parsed.success) return out;
  for (const node of parsed.data.nodes) {
    const config = node.config as { routes?: unknown; interruptions?: { routes?: unknown } };
    const routes = node.kind === "router" ? config.routes : node.kind === "start" ? config.interruptions?.routes : null;
    if (!Array.isArray(routes)) continue;
    for (const route of routes as { examples?: unknown }[])
      if (Array.isArray(route?.examples))
        for (const e of route.examples) if (typeof e === "string") out.add(normalizePhrasing(e));
  }
  return out;
}

/**
 * A simulated case is judged on held-out wording only when it was made from examples (`from`) and neither they nor
 * the case's own messages are among what the router it runs on was trained on; anything else is optimistic.
 */
export function routingBasisOf(from: string[], turns: string[], trained: Set<string>): RoutingBasis {
  if (!from.length) return "training";
  const texts = [...from, ...turns].map(normalizePhrasing);
  return texts.some((t) => trained.has(t)) ? "training" : "held_out";
}

/** How every output names the figure: "routing accuracy on held-out phrasings (20% of …)". */
export function routingBasisLabel(basis: RoutingBasis, share: number = DEFAULT_HOLD_OUT.share): string {
  return basis === "held_out"
    ? `routing accuracy on held-out phrasings (${Math.round(share * 100)}% of each route's examples, not trained on)`
    : "routing accuracy on training phrasings (optimistic)";
}
