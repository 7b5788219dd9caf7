// Simulated customers: varied phrasings per route, made from each route's examples. Offline they come from a seeded
// generator (same seed → same phrasings on every machine); with a model provider configured for the workspace the
// model paraphrases instead, one call per route, and any failure falls back to the generator for that route.
import "server-only";
import { z } from "zod";
import { resolveProvider } from "@/lib/runtime/agents/resolve-provider";
import { OFFLINE_PROVIDER_ID } from "@/lib/runtime/agents/offline-provider";
import { db } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { draftGraphSchema } from "@/lib/model/flow/schema";
import { DEFAULT_PROVIDER_NAME } from "@/lib/runtime/agents/model-provider-schema";
import { pick, prng } from "@/lib/platform/prng";
import { config } from "@/lib/platform/config";

export type SimulatedPhrasing = { route: string; text: string };
/** A route of one of the flow's routers, with the examples phrasings are made from (merged across routers by id). */
export type RouteSource = { route: string; label: string; description: string; examples: string[] };
export type PhrasingContext = { orderNumbers: string[]; amounts: string[] };

export const DEFAULT_SIMULATION_SEED = 7;

// ---- reading the flow ----

/** Every route of every router in a graph (draft or version); unreadable graphs have none. */
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

// ---- the offline generator ----

/** Lower-case, letters and digits only: "Where is my order?" and "where is my order" are the same phrasing. */
export function normalizePhrasing(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const ORDER_NUMBER = /\b[A-Z]{1,3}-?\d{3,7}\b/;
const AMOUNT = /[$€£]\s?\d+(?:[.,]\d{1,2})?/;

const GREETINGS = [
  "hi,",
  "hello,",
  "hey there,",
  "good morning,",
  "hi team,",
  "quick question:",
  "sorry to bother you,",
  "hello? ",
];
const ASKS = ["can you help me? ", "could you help: ", "I need help - ", "can you check something for me? "];
const POLITE_ENDINGS = [" please", ", thanks", ", thank you!", ", thanks in advance", " cheers"];
const URGENT = [
  ["urgent: ", ""],
  ["", " asap"],
  ["", "!!"],
  ["", " - it's urgent"],
  ["please hurry, ", ""],
] as const;

/** Whole-word swaps, both directions where they make sense. Small on purpose: it only needs to vary the wording. */
const SYNONYMS: Record<string, string[]> = {
  order: ["purchase"],
  package: ["parcel", "delivery"],
  parcel: ["package"],
  refund: ["reimbursement"],
  cancel: ["call off", "stop"],
  want: ["would like", "need"],
  need: ["want"],
  money: ["cash"],
  charged: ["billed"],
  charge: ["payment"],
  change: ["update"],
  update: ["change"],
  wrong: ["incorrect"],
  talk: ["speak"],
  speak: ["talk"],
  person: ["human"],
  human: ["real person"],
  help: ["assist"],
  where: ["where on earth"],
  when: ["what day"],
  card: ["credit card"],
  shipped: ["sent out", "dispatched"],
  arrive: ["get here", "show up"],
  please: ["pls", "kindly"],
  item: ["product"],
  damaged: ["broken"],
  account: ["profile"],
  transfer: ["payment"],
};

const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
function adjacentKey(ch: string, random: () => number): string {
  const lower = ch.toLowerCase();
  for (const row of KEYBOARD_ROWS) {
    const i = row.indexOf(lower);
    if (i === -1) continue;
    const neighbours = [row[i - 1], row[i + 1]].filter((c): c is string => !!c);
    const replacement = pick(random, neighbours);
    return ch === lower ? replacement : replacement.toUpperCase();
  }
  return ch;
}

type Transform = (text: string, random: () => number, context: PhrasingContext, routeHasOrder: boolean) => string;

function swapSynonym(text: string, random: () => number): string {
  const candidates = text
    .split(/\b/)
    .map((word, index) => ({ word, index }))
    .filter(({ word }) => SYNONYMS[word.toLowerCase()]);
  if (!candidates.length) return text;
  const parts = text.split(/\b/);
  const { word, index } = pick(random, candidates);
  const replacement = pick(random, SYNONYMS[word.toLowerCase()]);
  parts[index] = word[0] === word[0].toUpperCase() ? replacement[0].toUpperCase() + replacement.slice(1) : replacement;
  return parts.join("");
}

function typo(text: string, random: () => number): string {
  const words = [...text.matchAll(/\p{L}{4,}/gu)];
  if (!words.length) return text;
  const match = pick(random, words);
  const start = match.index! + 1 + Math.floor(random() * (match[0].length - 2));
  const kind = random();
  if (kind < 0.4) return text.slice(0, start) + text.slice(start + 1); // dropped letter
  if (kind < 0.7) return text.slice(0, start) + adjacentKey(text[start], random) + text.slice(start + 1); // fat finger
  return text.slice(0, start) + text[start + 1] + text[start] + text.slice(start + 2); // transposed letters
}

function withFreshPlaceholders(
  text: string,
  random: () => number,
  context: PhrasingContext,
  routeHasOrder: boolean,
): string {
  let out = text;
  if (ORDER_NUMBER.test(out) && context.orderNumbers.length) {
    out = out.replace(ORDER_NUMBER, (current) => {
      const others = context.orderNumbers.filter((n) => n !== current);
      return pick(random, others.length ? others : context.orderNumbers);
    });
  } else if (routeHasOrder && context.orderNumbers.length) {
    const number = pick(random, context.orderNumbers);
    out = `${stripEnd(out)}${pick(random, [` (order ${number})`, ` - order ${number}`, `, it's order ${number}`, `. Order number ${number}`])}`;
  }
  if (AMOUNT.test(out) && context.amounts.length) out = out.replace(AMOUNT, () => pick(random, context.amounts));
  return out;
}

const stripEnd = (text: string) => text.replace(/[\s.!?]+$/u, "");
const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text);

const TRANSFORMS: Transform[] = [
  (t, r) => `${pick(r, GREETINGS)} ${lowerFirst(t)}`,
  (t, r) => `${pick(r, ASKS)}${lowerFirst(t)}`,
  (t, r) => `${stripEnd(t)}${pick(r, POLITE_ENDINGS)}`,
  (t, r) => {
    const [before, after] = pick(r, URGENT);
    return `${before}${before ? lowerFirst(t) : stripEnd(t)}${after}`;
  },
  (t, r) => swapSynonym(t, r),
  (t, r) => swapSynonym(t, r),
  (t, r) => typo(t, r),
  (t) => t.toLowerCase(),
  (t) => stripEnd(t),
  (t, r) => `${stripEnd(t)}${pick(r, ["?", "??", "...", "!"])}`,
  withFreshPlaceholders,
];

/**
 * `perRoute` phrasings for each route, none equal (ignoring case and punctuation) to any example of any route, none
 * repeated. A route whose examples cannot be varied enough gets fewer. Pure and deterministic for a seed.
 */
export function offlinePhrasings(
  routes: RouteSource[],
  options: { perRoute: number; seed?: number; context?: PhrasingContext; exclude?: Set<string> },
): SimulatedPhrasing[] {
  const context = options.context ?? { orderNumbers: [], amounts: [] };
  const taken = new Set([...(options.exclude ?? []), ...routes.flatMap((r) => r.examples.map(normalizePhrasing))]);
  const out: SimulatedPhrasing[] = [];
  routes.forEach((route, routeIndex) => {
    const random = prng(((options.seed ?? DEFAULT_SIMULATION_SEED) * 7919 + routeIndex * 104_729) >>> 0);
    const examples = route.examples.length ? route.examples : [`I have a question about ${route.label.toLowerCase()}`];
    const routeHasOrder = examples.some((e) => ORDER_NUMBER.test(e));
    let made = 0;
    for (let attempt = 0; made < options.perRoute && attempt < options.perRoute * 40; attempt++) {
      let text = pick(random, examples).trim();
      const steps = 2 + Math.floor(random() * 3);
      for (let i = 0; i < steps; i++) text = pick(random, TRANSFORMS)(text, random, context, routeHasOrder);
      text = text.replace(/\s+/g, " ").trim().slice(0, 2000);
      const key = normalizePhrasing(text);
      if (!key || taken.has(key)) continue;
      taken.add(key);
      out.push({ route: route.route, text });
      made++;
    }
  });
  return out;
}

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
): Promise<SimulatedPhrasing[]> {
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
  const out: SimulatedPhrasing[] = [];
  for (const text of parseModelPhrasings(result.text)) {
    const key = normalizePhrasing(text);
    if (!key || taken.has(key)) continue;
    taken.add(key);
    out.push({ route: route.route, text });
    if (out.length >= count) break;
  }
  return out;
}

// ---- the entry point ----

async function loadFlowRoutes(workspaceId: string, flowId: string) {
  const flow = await db().flow.findFirst({
    where: { id: flowId, workspaceId },
    select: { draft: true, publishedVersion: { select: { graph: true } } },
  });
  if (!flow) throw new AppError("NOT_FOUND", { userMessage: "That flow does not exist in this workspace." });
  const published = flow.publishedVersion ? routesOfGraph(flow.publishedVersion.graph) : null;
  return published?.routes.length ? published : routesOfGraph(flow.draft);
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

export async function simulatePhrasings(input: {
  workspaceId: string;
  flowId: string;
  perRoute: number;
  seed?: number;
  model?: string;
}): Promise<SimulatedPhrasing[]> {
  const perRoute = Math.max(1, Math.min(100, Math.floor(input.perRoute)));
  const [{ routes, models }, context] = await Promise.all([
    loadFlowRoutes(input.workspaceId, input.flowId),
    loadContext(input.workspaceId),
  ]);
  if (!routes.length)
    throw new AppError("VALIDATION", { userMessage: "This flow has no router with routes to simulate customers for." });
  const resolved = await simulationModel(input.workspaceId, models, input.model).catch(() => null);
  if (!resolved) return offlinePhrasings(routes, { perRoute, seed: input.seed, context });

  const taken = new Set(routes.flatMap((r) => r.examples.map(normalizePhrasing)));
  const out: SimulatedPhrasing[] = [];
  for (const [index, route] of routes.entries()) {
    let got: SimulatedPhrasing[] = [];
    try {
      got = await modelPhrasings(resolved, route, perRoute, taken);
    } catch (error) {
      console.warn(
        `[simulate] the model could not paraphrase route ${route.route}; using the offline generator`,
        error instanceof Error ? error.message : error,
      );
    }
    // Top up from the generator when the model gave fewer usable phrasings than asked (or failed).
    const extra =
      got.length < perRoute
        ? offlinePhrasings([route], {
            perRoute: perRoute - got.length,
            seed: (input.seed ?? DEFAULT_SIMULATION_SEED) + index,
            context,
            exclude: taken,
          })
        : [];
    for (const p of extra) taken.add(normalizePhrasing(p.text));
    out.push(...got, ...extra);
  }
  return out;
}
