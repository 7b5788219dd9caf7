// A deterministic, extractive conversation summary for customer long-term memory: what the customer asked about
// (intents from a keyword lexicon), the order numbers mentioned, and how it ended. No model, no free text copied
// from the transcript, so the summary carries as little personal data as possible. Pure.

export type SummaryMessage = {
  role: "customer" | "agent" | "operator" | "system";
  text: string;
  author?: string | null;
};

export type SummaryContext = {
  /** The conversation's status when known; wins over what the transcript suggests. */
  status?: "active" | "escalated" | "resolved" | "abandoned" | "failed";
  /** Intents the router recognised (e.g. "refund", "card_arrival"), in order. */
  intents?: string[];
  /** The escalation queue, when the conversation was escalated. */
  escalationQueue?: string | null;
};

export type SummaryOutcome = "resolved" | "escalated" | "abandoned" | "failed" | "open";

/** Keyword lexicon: first match order is the order intents are listed in the summary. */
const INTENT_PATTERNS: { intent: string; pattern: RegExp }[] = [
  { intent: "refund", pattern: /\b(refund(s|ed|ing)?|money back|reimburse\w*)\b/i },
  { intent: "return", pattern: /\b(return(s|ed|ing)?|send (it|them) back)\b/i },
  { intent: "exchange", pattern: /\b(exchange|swap|wrong size|replace(ment)?)\b/i },
  { intent: "cancellation", pattern: /\b(cancel(s|led|ling|lation)?)\b/i },
  {
    intent: "delivery",
    pattern: /\b(where is|where's|track(ing)?|deliver(y|ed)?|shipping|shipped|parcel|package|arriv(e|ed|al))\b/i,
  },
  { intent: "damaged item", pattern: /\b(damaged|broken|defective|faulty)\b/i },
  { intent: "payment", pattern: /\b(charged?|payment|paid|invoice|billing|overcharged)\b/i },
  {
    intent: "card",
    pattern:
      /\b(card (is )?(lost|stolen|blocked|frozen|declined)|lost (my )?card|stolen card|freeze (my )?card|new card)\b/i,
  },
  { intent: "account access", pattern: /\b(password|log ?in|sign ?in|locked out|account access)\b/i },
  { intent: "address change", pattern: /\b(change (my |the )?address|new address|wrong address)\b/i },
  { intent: "complaint", pattern: /\b(complain(t)?|unacceptable|terrible|awful)\b/i },
];

const ORDER_NUMBER = /#?\b([A-Za-z]\d{4,6})\b/g;

const ESCALATED =
  /\b(passing you to a colleague|connect(ing)? you (to|with)|transferr(ing|ed) you|a (colleague|human|person|specialist) (will|can)|escalat(ed|ing))\b/i;
const FAILED = /\bsomething went wrong on our side\b/i;
const THANKS = /\b(thanks|thank you|that('s| is) all|solved|sorted|perfect|great)\b/i;

const MAX_ORDERS = 5;
const MAX_INTENTS = 4;

/** Order numbers in the order they first appear, upper-cased, without duplicates. */
export function extractOrderNumbers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(ORDER_NUMBER)) {
    const number = match[1].toUpperCase();
    if (!found.includes(number)) found.push(number);
  }
  return found;
}

export function detectIntents(texts: string[]): string[] {
  const found: { intent: string; at: number }[] = [];
  texts.forEach((text, index) => {
    for (const { intent, pattern } of INTENT_PATTERNS) {
      if (pattern.test(text) && !found.some((f) => f.intent === intent)) found.push({ intent, at: index });
    }
  });
  // Keep lexicon order within a message, message order across messages.
  return found.sort((a, b) => a.at - b.at).map((f) => f.intent);
}

function humanise(intent: string): string {
  return intent.replace(/[_-]+/g, " ").trim().toLowerCase();
}

export function detectOutcome(messages: SummaryMessage[], context: SummaryContext = {}): SummaryOutcome {
  switch (context.status) {
    case "resolved":
    case "escalated":
    case "abandoned":
    case "failed":
      return context.status;
    default:
      break;
  }
  if (context.escalationQueue) return "escalated";
  const staff = messages.filter((m) => m.role !== "customer");
  if (staff.some((m) => m.role === "system" && FAILED.test(m.text))) return "failed";
  if (staff.some((m) => m.role === "operator") || staff.some((m) => ESCALATED.test(m.text))) return "escalated";
  const last = messages.at(-1);
  if (last?.role === "customer" && THANKS.test(last.text)) return "resolved";
  return "open";
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function outcomeText(outcome: SummaryOutcome, context: SummaryContext): string {
  switch (outcome) {
    case "resolved":
      return "resolved";
    case "escalated":
      return context.escalationQueue ? `escalated to ${humanise(context.escalationQueue)}` : "escalated to a person";
    case "abandoned":
      return "the customer left before it was resolved";
    case "failed":
      return "ended by an error before it was resolved";
    default:
      return "still open";
  }
}

/**
 * E.g. "Asked about order A1002 (refund); escalated to refunds." Deterministic: the same transcript and context
 * always give the same text.
 */
export function summarizeConversation(messages: SummaryMessage[], context: SummaryContext = {}): string {
  const customerTexts = messages.filter((m) => m.role === "customer").map((m) => m.text);
  const orders = extractOrderNumbers(customerTexts.join("\n")).slice(0, MAX_ORDERS);
  const routed = (context.intents ?? []).map(humanise).filter(Boolean);
  const intents = [...new Set(routed.length ? routed : detectIntents(customerTexts))].slice(0, MAX_INTENTS);
  const outcome = outcomeText(detectOutcome(messages, context), context);

  let asked: string;
  if (orders.length) {
    asked = `Asked about ${orders.length === 1 ? "order" : "orders"} ${list(orders)}${intents.length ? ` (${intents.join(", ")})` : ""}`;
  } else if (intents.length) {
    asked = `Asked about ${list(intents)}`;
  } else if (customerTexts.length) {
    asked = `Contacted support (${customerTexts.length} ${customerTexts.length === 1 ? "message" : "messages"})`;
  } else {
    asked = "No customer messages";
  }
  return `${asked}; ${outcome}.`;
}
