// The "Banking support" demo flow: a router over the 77 BANKING77 intents (trained on its training split),
// fanning out to a handful of specialist agents.
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { INTERRUPTION_ROUTES, SMALL_TALK_ROUTES, smallTalkNodes } from "@/lib/model/flow/templates/interruption-routes";

export type LabelledText = { text: string; category: string };

const SPECIALISTS = {
  cards: {
    label: "Cards specialist",
    match: /card|pin|contactless|apple_pay|visa|atm_support|passcode/,
  },
  transfers: { label: "Transfers specialist", match: /transfer|beneficiary|receiving_money|direct_debit/ },
  top_ups: { label: "Top-up specialist", match: /top_up|topping_up/ },
  cash: { label: "Cash and ATM specialist", match: /cash|cheque/ },
  account: {
    label: "Account and identity specialist",
    match: /identity|verify|personal_details|terminate|age_limit|country_support|lost_or_stolen_phone|source_of_funds/,
  },
  payments: { label: "Payments and fees specialist", match: /.*/ },
} as const;

type Specialist = keyof typeof SPECIALISTS;

/** Intents where the safe first step is to freeze the card at once; the card security agent does it. */
export const FREEZE_INTENTS = new Set(["lost_or_stolen_card", "compromised_card", "card_swallowed"]);

export function specialistFor(intent: string): Specialist {
  // Cash before cards: "cash_withdrawal_charge" is about cash even though ATM cards are involved.
  const order: Specialist[] = ["cash", "top_ups", "transfers", "account", "cards", "payments"];
  return order.find((s) => SPECIALISTS[s].match.test(intent.toLowerCase()))!;
}

/** Route ids must be identifiers; BANKING77 has labels like "reverted_card_payment?" and "Refund_not_showing_up". */
export const routeIdFor = (intent: string) => intent.toLowerCase().replace(/[^a-z0-9_]/g, "");

const humanise = (intent: string) => {
  const words = routeIdFor(intent).replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function bankingFlowGraph(rows: LabelledText[]): FlowGraphInput {
  const smallTalk = smallTalkNodes({
    brand: "Acme Bank",
    offer: "I can help with cards, payments, transfers, top-ups and your account. What can I do for you?",
    x: -320,
    y: 200,
  });
  const byIntent = new Map<string, string[]>();
  for (const row of rows) {
    const list = byIntent.get(row.category) ?? [];
    list.push(row.text);
    byIntent.set(row.category, list);
  }
  const intents = [...byIntent.keys()].sort();
  const specialists = Object.keys(SPECIALISTS) as Specialist[];
  return {
    schemaVersion: 1,
    nodes: [
      {
        id: "start",
        kind: "start",
        label: "Web and API chat",
        position: { x: 0, y: 560 },
        config: {
          channels: ["web", "api"],
          greeting: "Welcome to Acme Bank support. How can I help you today?",
          senderName: "Acme Bank",
          interruptions: {
            threshold: 0.6,
            routes: [...INTERRUPTION_ROUTES, ...SMALL_TALK_ROUTES],
            returnAfterSwitch: true,
          },
        },
      },
      {
        id: "router",
        kind: "router",
        label: "BANKING77 intent router",
        position: { x: 320, y: 0 },
        config: {
          // Fast: with BANKING77's 10,003 examples the encoder adds about a point (README → Routing) for about
          // 100 s more at first start and 13 ms per message.
          strategy: "classifier",
          mode: "fast",
          threshold: 0.3,
          routes: intents.map((intent) => ({
            id: routeIdFor(intent),
            label: humanise(intent),
            examples: byIntent.get(intent)!,
          })),
        },
      },
      ...specialists.map((id, i) => ({
        id: `${id}_agent`,
        kind: "agent" as const,
        label: SPECIALISTS[id].label,
        position: { x: 700, y: 60 + i * 190 },
        config: {
          mode: "deterministic" as const,
          reply: `You're through to our ${SPECIALISTS[id].label.toLowerCase()} about "{{state.intent.label}}". Could you share a few more details so I can help?`,
        },
      })),
      {
        id: "card_security_agent",
        kind: "agent" as const,
        label: "Card security agent",
        position: { x: 700, y: 60 + (specialists.length + 1) * 190 },
        config: {
          mode: "deterministic" as const,
          slots: [{ name: "card_last4", kind: "card_last4" as const, required: false, prompt: "" }],
          tool: "freeze_card" as const,
          reply:
            "I've frozen your {{state.cardFreeze.card}}, so no new payments can go through on it. You can unfreeze it in the app once you find it, or ask for a replacement.",
        },
      },
      {
        id: "verify_card_holder",
        kind: "verify_customer" as const,
        label: "Verify card holder",
        position: { x: 520, y: 60 + (specialists.length + 1) * 190 },
        config: { method: "email_code" as const, maxAttempts: 3, codeTtlMinutes: 10 },
      },
      {
        id: "verify_failed_queue",
        kind: "escalate",
        label: "Identity check failed",
        position: { x: 520, y: 60 + (specialists.length + 2) * 190 },
        config: {
          queue: "banking",
          priority: 1,
          slaMinutes: 10,
          reason: "Customer could not be verified",
          message: "A member of our team will help you here.",
        },
      },
      {
        id: "freeze_tool",
        kind: "tool",
        label: "Freeze card",
        position: { x: 1060, y: 60 + (specialists.length + 1) * 190 },
        config: { source: "builtin", builtin: "freeze_card", sideEffect: true },
      },
      ...smallTalk.nodes,
      {
        id: "person_queue",
        kind: "escalate",
        label: "Banking care team (asked for)",
        position: { x: -320, y: 1000 },
        config: {
          queue: "banking",
          priority: 2,
          slaMinutes: 15,
          reason: "Customer asked for a person",
          message: "Of course. I'm connecting you with a member of our team; they'll reply here shortly.",
        },
      },
      {
        id: "start_over_reply",
        kind: "response",
        label: "Start over",
        position: { x: -320, y: 1160 },
        config: { template: "No problem, let's start again. How can I help you today?" },
      },
      {
        id: "human_queue",
        kind: "escalate",
        label: "Banking care team",
        position: { x: 700, y: 60 + specialists.length * 190 },
        config: {
          queue: "banking",
          priority: 2,
          slaMinutes: 15,
          reason: "Request not understood with confidence",
          message: "I want to get this right, so I'm passing you to a member of our team. They'll reply here shortly.",
        },
      },
    ],
    edges: [
      { id: "e-start", source: "start", sourceHandle: "out", target: "router" },
      { id: "e-ask-person", source: "start", sourceHandle: "ask_person", target: "person_queue" },
      { id: "e-frustrated", source: "start", sourceHandle: "frustrated", target: "person_queue" },
      { id: "e-start-over", source: "start", sourceHandle: "start_over", target: "start_over_reply" },
      ...smallTalk.edges,
      ...intents.map((intent) => ({
        id: `e-${routeIdFor(intent)}`,
        source: "router",
        sourceHandle: routeIdFor(intent),
        // A card freeze needs the verified card holder: a code goes to the e-mail on file first.
        target: FREEZE_INTENTS.has(routeIdFor(intent)) ? "verify_card_holder" : `${specialistFor(intent)}_agent`,
      })),
      { id: "e-verify-card", source: "verify_card_holder", sourceHandle: "out", target: "card_security_agent" },
      {
        id: "e-verify-card-failed",
        source: "verify_card_holder",
        sourceHandle: "failed",
        target: "verify_failed_queue",
      },
      {
        id: "t-card-freeze",
        kind: "tool" as const,
        source: "card_security_agent",
        sourceHandle: "tools",
        target: "freeze_tool",
        targetHandle: "permission",
        permission: { ratePerConversation: 2, ratePerMinute: 60, dataScopes: ["cards:write"] },
      },
      { id: "e-low", source: "router", sourceHandle: "low_confidence", target: "human_queue", label: "unsure" },
    ],
  };
}
