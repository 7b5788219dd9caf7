// What each turn of bench/engine.ts was answered with, read from the reply's text: a turn counts as served only when
// the flow did what the customer asked (an order's status for an order question, a closing for "thanks"). A refusal
// by a tool's rate limit, the engine's failure notice or a "not found" for the customer's own order is not a served
// turn, however fast it came back.
export const REPLY_KINDS = [
  "order status",
  "closing",
  "asked for the order number",
  "asked to verify",
  "order not found",
  "rate limited",
  "handed to a person",
  "engine failure notice",
  "other",
  "no reply",
] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

/** The kinds that answer what the bench's customers ask. */
export const SERVED: ReadonlySet<ReplyKind> = new Set(["order status", "closing"]);

export function replyKind(texts: string[]): ReplyKind {
  if (texts.length === 0) return "no reply";
  const all = texts.join("\n");
  if (/calls per minute has been reached|try again (later|shortly)/i.test(all)) return "rate limited";
  if (/something went wrong|could not be processed/i.test(all)) return "engine failure notice";
  if (/^Order A\d{4}, placed on /m.test(all)) return "order status";
  if (/could not find an order/i.test(all)) return "order not found";
  if (/What's the order number\?/i.test(all)) return "asked for the order number";
  if (/e-mail|verify|verification|code/i.test(all)) return "asked to verify";
  if (/(colleague|person|human|team member|agent) (will|is)/i.test(all)) return "handed to a person";
  if (/(welcome|glad|happy to help|anything else|take care|bye)/i.test(all)) return "closing";
  return "other";
}
