// The deterministic offline stand-in for a model: no network, no keys, same answer for the same input. It serves
// nodes whose model is "offline" (templates, tests) and, labelled offline, a draft whose model no provider serves.
// It reads the node's OfflineHints to act like a well-behaved agent: routes by word overlap, asks for missing slots,
// calls the first tool its slots can fill, then fills the reply.
import { OFFLINE_MODEL } from "@/lib/model/flow/model-spec";
import { renderTemplate } from "@/lib/model/flow/template";
import { tokenize } from "@/lib/runtime/routing/tokenize";
import { extractSlot } from "@/lib/runtime/tools/extract-slot";
import type {
  ChatMessage,
  ChatProvider,
  ChatRequest,
  ChatResult,
  OfflineHints,
  OfflineRoute,
  OfflineSlot,
  ToolCall,
  ToolSpec,
} from "./types";
import { ProviderError } from "./types";

export const OFFLINE_PROVIDER_ID = OFFLINE_MODEL;

// Words that carry no intent; without them "I want to …" does not pull every message towards every route.
const STOPWORDS = new Set(
  "a an and are as at be but by can could did do does for from had has have how i i'm im in is it its me my of on or our please so that the their them then there this to was we were what when where which who why will with would you your".split(
    " ",
  ),
);

function words(text: string): Set<string> {
  return new Set(tokenize(text).filter((w) => !STOPWORDS.has(w)));
}

/** Cosine similarity of two word sets, each word weighted by how rare it is among the routes (IDF). */
function overlap(a: Set<string>, b: Set<string>, weight: (word: string) => number): number {
  if (a.size === 0 || b.size === 0) return 0;
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const w of a) {
    const x = weight(w) ** 2;
    normA += x;
    if (b.has(w)) dot += x;
  }
  for (const w of b) normB += weight(w) ** 2;
  return dot / Math.sqrt(normA * normB);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export type RouteChoice = { route: string; confidence: number; reason: string; scores: Record<string, number> };

/**
 * Scores each route by its best IDF-weighted word overlap with the message (description and each example), picks the highest
 * (first listed wins a tie). Confidence: 0 without any overlap, 0.4 for a tie, up to 1 for a clear winner.
 */
export function chooseRoute(text: string, routes: OfflineRoute[]): RouteChoice {
  if (routes.length === 0) throw new ProviderError("configuration", "The offline router needs at least one route.");
  const message = words(text);
  const routeTexts = routes.map((route) =>
    [route.description, ...(route.examples ?? []), route.id.replace(/[_-]+/g, " ")].map(words),
  );
  // A word every route uses ("order") tells routes apart less than one only a single route uses ("refund").
  const documentFrequency = new Map<string, number>();
  for (const texts of routeTexts) {
    for (const w of new Set(texts.flatMap((t) => [...t])))
      documentFrequency.set(w, (documentFrequency.get(w) ?? 0) + 1);
  }
  const weight = (w: string) => Math.log(1 + routes.length / Math.max(1, documentFrequency.get(w) ?? 0));
  const scores: Record<string, number> = {};
  routes.forEach((route, i) => {
    scores[route.id] = round2(Math.max(...routeTexts[i].map((t) => overlap(message, t, weight))));
  });
  const ranked = routes.map((r) => ({ id: r.id, score: scores[r.id] })).sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  if (best.score === 0) {
    return { route: best.id, confidence: 0, reason: "No words of the message match any route.", scores };
  }
  const margin = second ? (best.score - second.score) / best.score : 1;
  const confidence = round2(0.4 + 0.6 * margin);
  return {
    route: best.id,
    confidence,
    reason: `Best word overlap with "${best.id}" (${best.score.toFixed(2)}${second ? ` vs ${second.score.toFixed(2)} for "${second.id}"` : ""}).`,
    scores,
  };
}

function userTexts(messages: ChatMessage[]): string[] {
  return messages
    .filter((m) => m.role === "user")
    .map((m) => m.content)
    .reverse(); // latest first
}

/** Known slots first, then each slot from the latest user message that has it. */
export function extractSlots(
  messages: ChatMessage[],
  slots: OfflineSlot[],
  known: Record<string, unknown> = {},
): Record<string, unknown> {
  const texts = userTexts(messages);
  const values: Record<string, unknown> = {};
  for (const slot of slots) {
    if (known[slot.name] != null) {
      values[slot.name] = known[slot.name];
      continue;
    }
    for (const text of texts) {
      const value = extractSlot(slot.kind, text);
      if (value != null) {
        values[slot.name] = value;
        break;
      }
    }
  }
  return values;
}

const normalizeName = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_");

/** Common parameter names and the slot kind that fills them. */
const KIND_ALIASES: Record<string, OfflineSlot["kind"]> = {
  order_number: "order_number",
  order_id: "order_number",
  order: "order_number",
  order_no: "order_number",
  amount: "amount",
  refund_amount: "amount",
  email: "email",
  email_address: "email",
  phone: "phone",
  phone_number: "phone",
  date: "date",
};

function slotValueFor(param: string, slots: OfflineSlot[], values: Record<string, unknown>): unknown {
  if (values[param] != null) return values[param];
  const wanted = normalizeName(param);
  const byName = slots.find((s) => normalizeName(s.name) === wanted && values[s.name] != null);
  if (byName) return values[byName.name];
  const kind = KIND_ALIASES[wanted];
  const byKind = kind ? slots.find((s) => s.kind === kind && values[s.name] != null) : undefined;
  return byKind ? values[byKind.name] : undefined;
}

function coerce(value: unknown, schema: unknown): unknown {
  const type = schema && typeof schema === "object" ? (schema as { type?: unknown }).type : undefined;
  if (
    (type === "number" || type === "integer") &&
    typeof value === "string" &&
    value.trim() !== "" &&
    !Number.isNaN(Number(value))
  )
    return Number(value);
  if (type === "string" && typeof value === "number") return String(value);
  return value;
}

/** The first tool whose required parameters the slots can all fill, with every parameter they can fill. */
export function planToolCall(
  tools: ToolSpec[],
  slots: OfflineSlot[],
  values: Record<string, unknown>,
): { tool: ToolSpec; args: Record<string, unknown> } | null {
  for (const tool of tools) {
    const properties = (tool.parameters.properties ?? {}) as Record<string, unknown>;
    const required = Array.isArray(tool.parameters.required) ? (tool.parameters.required as string[]) : [];
    const args: Record<string, unknown> = {};
    for (const name of new Set([...Object.keys(properties), ...required])) {
      const value = slotValueFor(name, slots, values);
      if (value !== undefined) args[name] = coerce(value, properties[name]);
    }
    if (required.every((name) => args[name] !== undefined)) return { tool, args };
  }
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toolResultsAfterLastUser(messages: ChatMessage[]): Extract<ChatMessage, { role: "tool" }>[] {
  let lastUser = -1;
  messages.forEach((m, i) => {
    if (m.role === "user") lastUser = i;
  });
  return messages.slice(lastUser + 1).filter((m): m is Extract<ChatMessage, { role: "tool" }> => m.role === "tool");
}

// The stand-in reports itself as "offline" whatever model the node named, and with no tokens and no cost: it reads
// no tokens and bills nothing, and a guess (characters ÷ 4, under the configured name) showed as real model usage.
function respond(text: string, toolCalls: ToolCall[], finishReason: string): ChatResult {
  return {
    text,
    toolCalls,
    model: OFFLINE_PROVIDER_ID,
    finishReason,
    usage: { inputTokens: 0, outputTokens: 0 },
    costUsd: 0,
    attempts: 1,
    fallbackUsed: false,
    latencyMs: 0,
  };
}

function agentTurn(request: ChatRequest, hints: OfflineHints): { text: string; toolCalls: ToolCall[] } {
  const slots = hints.slots ?? [];
  const values = extractSlots(request.messages, slots, hints.knownSlots);
  const missing = slots.find((slot) => slot.required && values[slot.name] == null);
  if (missing)
    return { text: missing.prompt || `Could you tell me the ${missing.name.replace(/_/g, " ")}?`, toolCalls: [] };

  const results = toolResultsAfterLastUser(request.messages);
  if (request.tools?.length && results.length === 0) {
    const plan = planToolCall(request.tools, slots, values);
    if (plan) {
      const count = request.messages.filter((m) => m.role === "tool").length + 1;
      return { text: "", toolCalls: [{ id: `offline_call_${count}`, name: plan.tool.name, arguments: plan.args }] };
    }
  }

  const tools: Record<string, unknown> = {};
  let result: unknown;
  for (const message of request.messages.filter((m) => m.role === "tool")) {
    result = parseJson(message.content);
    tools[message.name] = result;
  }
  const latest = results.at(-1);
  const latestResult = latest ? parseJson(latest.content) : undefined;
  if (
    latestResult &&
    typeof latestResult === "object" &&
    "error" in latestResult &&
    Object.keys(latestResult).length === 1
  ) {
    return {
      text: `I'm sorry, I couldn't complete that: ${String((latestResult as { error: unknown }).error)}`,
      toolCalls: [],
    };
  }
  const context = hints.context ?? {};
  const contextTools =
    context.tools && typeof context.tools === "object" ? (context.tools as Record<string, unknown>) : {};
  const scope = {
    ...context,
    ...values,
    slots: { ...((context.slots as object | undefined) ?? {}), ...values },
    result,
    tools: { ...contextTools, ...tools },
  };
  const template = hints.reply?.trim() ? hints.reply : result === undefined ? "Thanks, I have what I need." : "Done.";
  return { text: renderTemplate(template, scope).text.trim(), toolCalls: [] };
}

export const offlineProvider: ChatProvider = {
  id: OFFLINE_PROVIDER_ID,
  async chat(request: ChatRequest): Promise<ChatResult> {
    if (request.signal?.aborted) throw new ProviderError("aborted", "The request was cancelled.");
    const hints = request.offline ?? {};
    if (request.responseSchema && hints.routes?.length) {
      const last = userTexts(request.messages)[0] ?? "";
      const { route, confidence, reason } = chooseRoute(last, hints.routes);
      const text = JSON.stringify({ route, confidence, reason });
      request.onDelta?.(text);
      return respond(text, [], "stop");
    }
    const turn = agentTurn(request, hints);
    if (turn.text) request.onDelta?.(turn.text);
    return respond(turn.text, turn.toolCalls, turn.toolCalls.length ? "tool_calls" : "stop");
  },
};
