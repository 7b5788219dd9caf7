// Simulated customers: varied phrasings per route. Offline they come from a seeded generator (same seed → same
// phrasings on every machine, offline-phrasings.ts); with a model provider configured for the workspace the model
// paraphrases instead, one call per route, and any failure falls back to the generator for that route. By default a
// share of each route's examples is held out (held-out.ts) and phrasings are made from those only, so a router
// trained on the rest is judged on wording it never saw; each phrasing says which basis it has.
import "server-only";
import { z } from "zod";
import { resolveProvider } from "@/lib/runtime/agents/resolve-provider";
import { OFFLINE_PROVIDER_ID } from "@/lib/runtime/agents/offline-provider";
import { db } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { DEFAULT_PROVIDER_NAME } from "@/lib/runtime/agents/model-provider-schema";
import { config } from "@/lib/platform/config";
import {
  DEFAULT_SIMULATION_SEED,
  normalizePhrasing,
  offlinePhrasings,
  type GeneratedPhrasing,
  type PhrasingContext,
  type RouteSource,
} from "./offline-phrasings";
import {
  DEFAULT_HOLD_OUT,
  routesOfGraph,
  splitExamples,
  trainedTexts,
  type HoldOut,
  type RoutingBasis,
} from "./held-out";

export type SimulatedPhrasing = GeneratedPhrasing & { basis: RoutingBasis };

// ---- the model path ----

const modelAnswerSchema = z.union([
  z.array(z.string()),
  z.object({ phrasings: z.array(z.string()) }).transform((o) => o.phrasings),
]);

/** The model's answer: a JSON array of strings (or { phrasings: [...] }), possibly inside a ```json fence. */
export function parseModelPhrasings(text: string): string[] {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  const body = (fenced ? fenced[1] : text).trim();
  const start = body.search(/[[{]/);
  return modelAnswerSchema
    .parse(JSON.parse(start > 0 ? body.slice(start) : body))
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => s.length > 0 && s.length <= 2000);
}

function paraphrasePrompt(route: RouteSource, count: number): string {
  const examples = route.examples
    .slice(0, 20)
    .map((e) => `- ${e}`)
    .join("\n");
  return [
    `Write ${count} different messages a customer might send to a support chat when their intent is "${route.label}".`,
    route.description ? `The intent: ${route.description}` : "",
    examples
      ? `Examples (do not copy them; vary wording, tone, length, politeness, urgency, and add small typos to some):\n${examples}`
      : "",
    `Answer with a JSON object {"phrasings": [...]} holding exactly ${count} strings, nothing else.`,
  ]
    .filter(Boolean)
    .join("\n\n");
}

type Resolved = Awaited<ReturnType<typeof resolveProvider>>;

/** The provider to paraphrase with, or null when the workspace has none (offline). */
async function simulationModel(
  workspaceId: string,
  routerModels: string[],
  explicit?: string,
): Promise<Resolved | null> {
  let spec = explicit?.trim() || routerModels.find((m) => !m.toLowerCase().startsWith(OFFLINE_PROVIDER_ID)) || "";
  if (!spec) {
    const fallback = await db().modelProvider.findUnique({
      where: { workspaceId_name: { workspaceId, name: DEFAULT_PROVIDER_NAME } },
      select: { id: true },
    });
    if (fallback) spec = DEFAULT_PROVIDER_NAME;
    else {
      const { OPENAI_MODEL, OPENAI_BASE_URL, OPENAI_API_KEY } = config();
      if (OPENAI_MODEL && (OPENAI_BASE_URL || OPENAI_API_KEY)) spec = OPENAI_MODEL;
    }
  }
  if (!spec) return null;
  const resolved = await resolveProvider(db(), workspaceId, spec);
  return resolved.providerName === OFFLINE_PROVIDER_ID ? null : resolved;
}

async function modelPhrasings(
  resolved: Resolved,
  route: RouteSource,
  count: number,
  taken: Set<string>,
): Promise<GeneratedPhrasing[]> {
  const result = await resolved.provider.chat({
    model: resolved.model,
    messages: [
      {
        role: "system",
        content:
          "You generate realistic test messages from customers of an online support team. You answer with JSON only.",
      },
      { role: "user", content: paraphrasePrompt(route, count) },
    ],
    temperature: 0.9,
    maxOutputTokens: 60 * count + 100,
    responseSchema: {
      name: "phrasings",
      schema: {
        type: "object",
        properties: { phrasings: { type: "array", items: { type: "string" } } },
        required: ["phrasings"],
        additionalProperties: false,
      },
    },
  });
  const out: GeneratedPhrasing[] = [];
  for (const text of parseModelPhrasings(result.text)) {
    const key = normalizePhrasing(text);
    if (!key || taken.has(key)) continue;
    taken.add(key);
    // The model saw every example it was given, so each of them is what the phrasing was made from.
    out.push({ route: route.route, text, from: [...route.examples] });
    if (out.length >= count) break;
  }
  return out;
}

// ---- the entry point ----

async function loadFlowGraph(workspaceId: string, flowId: string): Promise<unknown> {
  const flow = await db().flow.findFirst({
    where: { id: flowId, workspaceId },
    select: { draft: true, publishedVersion: { select: { graph: true } } },
  });
  if (!flow) throw new AppError("NOT_FOUND", { userMessage: "That flow does not exist in this workspace." });
  const published = flow.publishedVersion?.graph;
  return published && routesOfGraph(published).routes.length ? published : flow.draft;
}

/** Order numbers and amounts from the workspace's (demo) orders, so a phrasing names an order that exists. */
async function loadContext(workspaceId: string): Promise<PhrasingContext> {
  const orders = await db().order.findMany({
    where: { workspaceId },
    select: { number: true, totalCents: true },
    orderBy: { number: "asc" },
    take: 200,
  });
  return {
    orderNumbers: orders.map((o) => o.number),
    amounts: [...new Set(orders.map((o) => `$${(o.totalCents / 100).toFixed(2)}`))],
  };
}

/**
 * What each route's phrasings are made from: its held-out examples, or (a route with too few to hold any out, or
 * `holdOut` null) all of them, which the router trains on.
 */
export function phrasingSources(
  routes: RouteSource[],
  holdOut: HoldOut | null,
): { source: RouteSource; basis: RoutingBasis }[] {
  if (!holdOut) return routes.map((source) => ({ source, basis: "training" }));
  const splits = splitExamples(routes, holdOut);
  return routes.map((route, i) =>
    splits[i].heldOut.length
      ? { source: { ...route, examples: splits[i].heldOut }, basis: "held_out" }
      : { source: route, basis: "training" },
  );
}

/**
 * `perRoute` phrasings per route of the flow (its published version, else its draft), none equal to any example the
 * flow's routers or interruption checks have. `holdOut` (default DEFAULT_HOLD_OUT) makes them from held-out examples;
 * null makes them from all examples, as before held-out phrasings existed (optimistic).
 */
export async function simulatePhrasings(input: {
  workspaceId: string;
  flowId: string;
  perRoute: number;
  seed?: number;
  model?: string;
  holdOut?: HoldOut | null;
}): Promise<SimulatedPhrasing[]> {
  const perRoute = Math.max(1, Math.min(100, Math.floor(input.perRoute)));
  const [graph, context] = await Promise.all([
    loadFlowGraph(input.workspaceId, input.flowId),
    loadContext(input.workspaceId),
  ]);
  const { routes, models } = routesOfGraph(graph);
  if (!routes.length)
    throw new AppError("VALIDATION", { userMessage: "This flow has no router with routes to simulate customers for." });
  const sources = phrasingSources(routes, input.holdOut === undefined ? DEFAULT_HOLD_OUT : input.holdOut);
  const taken = new Set([...trainedTexts(graph), ...routes.flatMap((r) => r.examples.map(normalizePhrasing))]);
  const basisOf = new Map(sources.map(({ source, basis }) => [source.route, basis]));
  // Made from the route's label (no examples at all): nothing was held out, so nothing is honest about it.
  const labelled = (phrasings: GeneratedPhrasing[]): SimulatedPhrasing[] =>
    phrasings.map((p) => ({ ...p, basis: p.from.length ? (basisOf.get(p.route) ?? "training") : "training" }));

  const resolved = await simulationModel(input.workspaceId, models, input.model).catch(() => null);
  if (!resolved)
    return labelled(
      offlinePhrasings(
        sources.map((s) => s.source),
        { perRoute, seed: input.seed, context, exclude: taken },
      ),
    );

  const out: SimulatedPhrasing[] = [];
  for (const [index, { source }] of sources.entries()) {
    let got: GeneratedPhrasing[] = [];
    try {
      got = await modelPhrasings(resolved, source, perRoute, taken);
    } catch (error) {
      console.warn(
        `[simulate] the model could not paraphrase route ${source.route}; using the offline generator`,
        error instanceof Error ? error.message : error,
      );
    }
    // Top up from the generator when the model gave fewer usable phrasings than asked (or failed).
    const extra =
      got.length < perRoute
        ? offlinePhrasings([source], {
            perRoute: perRoute - got.length,
            seed: (input.seed ?? DEFAULT_SIMULATION_SEED) + index,
            context,
            exclude: taken,
          })
        : [];
    for (const p of extra) taken.add(normalizePhrasing(p.text));
    out.push(...labelled([...got, ...extra]));
  }
  return out;
}
