// What a deterministic agent's slot can hold. The flow format validates against this list and the engine's slot
// extraction reads every kind on it, so the two cannot drift apart.
export const SLOT_KINDS = [
  "order_number",
  "email",
  "amount",
  "date",
  "phone",
  "text",
  "card_last4",
  "iban",
  "customer_email",
  "address",
] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];
