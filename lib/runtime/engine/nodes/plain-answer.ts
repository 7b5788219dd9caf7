// A message that is only the answer to the question the waiting node asked ("A1002", "it's A1002", "order A1002
// please", "liam@example.com") is never a change of request, even when the router has seen that order number among
// its examples: the customer is answering, not asking for something new.
import type { FlowGraph } from "@/lib/model/flow/schema";
import type { SlotKind } from "@/lib/model/flow/slot-kinds";
import { extractAddress, extractSlot } from "@/lib/runtime/tools/extract-slot";

/** What a built-in tool asks for, by the name it gives it, as a slot kind. */
const TOOL_ASKS: Record<string, SlotKind> = {
  "order number": "order_number",
  email: "email",
  address: "address",
  card_last4: "card_last4",
};

/** Words that go around an answer without asking for anything. */
const FILLER = new Set(
  (
    "a an the it its it's is was be my our for of in on with to and or please pls thanks thank you ok okay yes yeah " +
    "yep sure here there that this one no nope sorry actually oh um uh hmm i meant mean i'm im order number no. nr " +
    "email e-mail mail address card ending ends last four digits visa mastercard amex account under dollars dollar " +
    "usd eur euros pounds correct right same should try again now"
  ).split(" "),
);

/** "no, I meant A1005", "sorry, it's A1005", "actually A1005": a new value that replaces one, not a new request. */
export const CORRECTION = /\b(?:no|nope|sorry|oops|i meant|meant|actually|correction|wrong|typo|instead|rather)\b/i;

/** What a node is asking the customer for (state.asking), and how many answers in a row have not contained it. */
export type Asking = { nodeId: string; slot: string; times: number };

export function isPlainAnswer(graph: FlowGraph, state: Record<string, unknown>, waitingNodeId: string, text: string) {
  const asking = state.asking as Partial<Asking> | undefined;
  if (!asking?.slot || asking.nodeId !== waitingNodeId) return false;
  const node = graph.nodes.find((n) => n.id === waitingNodeId);
  // What a Verify customer node asks for (an order number with an e-mail or postcode, a code) is all digits and @s.
  if (node?.kind === "verify_customer") return /\d|@/.test(text) && onlyValues(text);
  const slotKind = node?.kind === "agent" ? node.config.slots.find((s) => s.name === asking.slot)?.kind : undefined;
  const kind = slotKind ?? TOOL_ASKS[asking.slot];
  return Boolean(kind) && onlyValue(kind!, text);
}

/**
 * "no, I meant A1005" right after a task finished: a correction of a value that task used, to run it again with the
 * new value, rather than a new request the router would have to guess from an order number alone.
 */
export function correctedTask(graph: FlowGraph, state: Record<string, unknown>, text: string): string | null {
  const nodeId = typeof state.lastTask === "string" ? state.lastTask : null;
  const node = nodeId ? graph.nodes.find((n) => n.id === nodeId) : undefined;
  if (node?.kind !== "agent" || !CORRECTION.test(text)) return null;
  return node.config.slots.some((slot) => onlyValue(slot.kind, text)) ? node.id : null;
}

function onlyValue(kind: SlotKind, text: string): boolean {
  if (kind === "text" || extractSlot(kind, text) == null) return false;
  // An address is words ("9 Elm Road, Salem 97301"): what surrounds it must still be filler.
  const address = kind === "address" ? extractAddress(text) : null;
  return onlyValues(address ? text.replace(address, " ") : text);
}

/** Every word is a value (it has a digit or an @) or filler. */
function onlyValues(text: string): boolean {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}@._'-]+/u)
    .filter(Boolean);
  const value = (word: string) => /\d|@/.test(word);
  return words.every((word) => value(word) || FILLER.has(word.replace(/^[.'-]+|[.'-]+$/g, "")));
}
