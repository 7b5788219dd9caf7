// The offline generator of simulated customers: each phrasing is one route example with greetings, synonyms, typos,
// urgency or fresh order numbers added, from a seeded generator (same seed → same phrasings on every machine). Pure.
import { pick, prng } from "@/lib/platform/prng";

/** A route of one of the flow's routers, with the examples phrasings are made from (merged across routers by id). */
export type RouteSource = { route: string; label: string; description: string; examples: string[] };
export type PhrasingContext = { orderNumbers: string[]; amounts: string[] };
/** A phrasing and the route examples it was made from (none when it was made from the route's label). */
export type GeneratedPhrasing = { route: string; text: string; from: string[] };

export const DEFAULT_SIMULATION_SEED = 7;

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
 * `perRoute` phrasings for each route, none equal (ignoring case and punctuation) to any example of any route or to
 * anything in `exclude`, none repeated, each with the example it was made from. A route whose examples cannot be
 * varied enough gets fewer. Pure and deterministic for a seed.
 */
export function offlinePhrasings(
  routes: RouteSource[],
  options: { perRoute: number; seed?: number; context?: PhrasingContext; exclude?: Set<string> },
): GeneratedPhrasing[] {
  const context = options.context ?? { orderNumbers: [], amounts: [] };
  const taken = new Set([...(options.exclude ?? []), ...routes.flatMap((r) => r.examples.map(normalizePhrasing))]);
  const out: GeneratedPhrasing[] = [];
  routes.forEach((route, routeIndex) => {
    const random = prng(((options.seed ?? DEFAULT_SIMULATION_SEED) * 7919 + routeIndex * 104_729) >>> 0);
    const fromLabel = !route.examples.length;
    const examples = fromLabel ? [`I have a question about ${route.label.toLowerCase()}`] : route.examples;
    const routeHasOrder = examples.some((e) => ORDER_NUMBER.test(e));
    let made = 0;
    for (let attempt = 0; made < options.perRoute && attempt < options.perRoute * 40; attempt++) {
      const example = pick(random, examples).trim();
      let text = example;
      const steps = 2 + Math.floor(random() * 3);
      for (let i = 0; i < steps; i++) text = pick(random, TRANSFORMS)(text, random, context, routeHasOrder);
      text = text.replace(/\s+/g, " ").trim().slice(0, 2000);
      const key = normalizePhrasing(text);
      if (!key || taken.has(key)) continue;
      taken.add(key);
      out.push({ route: route.route, text, from: fromLabel ? [] : [example] });
      made++;
    }
  });
  return out;
}
