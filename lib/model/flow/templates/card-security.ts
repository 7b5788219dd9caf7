// "Card security for a bank": a lost or stolen card is frozen at once for the verified card holder (an e-mailed code
// first when the visitor is anonymous), a payment the customer does not recognise goes to the fraud team, and a
// declined card gets the approved explanation word for word.
import { INTERRUPTION_ROUTES } from "./interruption-routes";
import { builtinTool, escalate, link, node, permit, reply, start } from "./blocks";
import type { FlowTemplate } from "./types";

const FROZEN = "I've frozen your";
const FRAUD = "I've passed this to our fraud team";
const DECLINED =
  "A card is usually declined for one of three reasons: the payment is over your daily limit, the card is frozen, or the details were typed differently from the card. Check the limit and the freeze switch in the app; if neither explains it, tell me and I'll get a person to look.";
const PERSON = "connecting you with a member of our card team";

export const cardSecurityTemplate: FlowTemplate = {
  id: "card-security",
  name: "Card security for a bank",
  summary:
    "Freezes a lost or stolen card for the verified card holder, sends unrecognised payments to the fraud team, and explains declined cards in approved wording.",
  note: "Anonymous visitors verify with a code e-mailed to the address on file; the cases run as a signed-in demo customer.",
  graph: () => ({
    schemaVersion: 1,
    nodes: [
      start([0, 1], {
        channels: ["web", "api"],
        greeting:
          "Welcome to the card line. I can freeze a lost or stolen card, report a payment you don't recognise, or explain a declined card. What happened?",
        interruptions: { threshold: 0.6, routes: INTERRUPTION_ROUTES.filter((r) => r.id === "ask_person") },
      }),
      node("router", "router", "What happened to the card?", [1, 1], {
        strategy: "classifier",
        mode: "fast",
        threshold: 0.5,
        routes: [
          {
            id: "lost_or_stolen",
            label: "Lost or stolen card",
            examples: [
              "I lost my card",
              "I think I lost my card",
              "my card was stolen",
              "someone stole my wallet",
              "I can't find my card",
              "my card is missing",
              "freeze my card",
              "please block my card",
              "I left my card somewhere",
              "my purse was stolen with my cards",
              "lock my card now",
              "card lost abroad",
            ],
          },
          {
            id: "unrecognised_payment",
            label: "Payment not recognised",
            examples: [
              "there is a payment I don't recognise",
              "I didn't make this payment",
              "someone used my card",
              "unknown transaction on my account",
              "fraud on my card",
              "a strange charge on my statement",
              "I think my card was cloned",
              "money was taken from my account without permission",
              "suspicious transaction",
              "who is this merchant, I never bought anything there",
              "unauthorised payment",
              "I see payments I never made",
            ],
          },
          {
            id: "card_declined",
            label: "Card declined",
            examples: [
              "my card was declined",
              "why was my card declined",
              "my payment was refused",
              "card not working in the shop",
              "the terminal rejected my card",
              "my card keeps getting declined online",
              "transaction declined",
              "the card doesn't work",
              "card refused at checkout",
              "why can't I pay with my card",
              "payment failed with my card",
              "the ATM declined my card",
            ],
          },
        ],
      }),
      node("verify_customer", "verify_card_holder", "Verify card holder", [2, 0], {
        method: "email_code",
        maxAttempts: 3,
        codeTtlMinutes: 10,
      }),
      node("agent", "card_security_agent", "Card security agent", [3, 0], {
        mode: "deterministic",
        slots: [{ name: "card_last4", kind: "card_last4", required: false, prompt: "" }],
        tool: "freeze_card",
        reply:
          "I've frozen your {{state.cardFreeze.card}}, so no new payments can go through on it. Unfreeze it in the app if you find it, or ask me for a replacement.",
      }),
      builtinTool("freeze_tool", "Freeze card", [4, 0], "freeze_card"),
      escalate("fraud_team", "Fraud team", [2, 1], {
        queue: "fraud",
        priority: 1,
        reason: "Payment the customer does not recognise",
        message: `${FRAUD}, who will reply here shortly. Don't share your PIN or full card number with anyone meanwhile.`,
      }),
      reply("declined_answer", "Why cards are declined", [2, 2], DECLINED),
      escalate("card_team", "Card team", [2, 3], {
        queue: "cards",
        reason: "Card request not understood, verification failed, or a person was asked for",
        message: `Of course. I'm ${PERSON}; they'll reply here shortly.`,
      }),
    ],
    edges: [
      link("start", "router"),
      link("start", "card_team", "ask_person"),
      link("router", "verify_card_holder", "lost_or_stolen"),
      link("router", "fraud_team", "unrecognised_payment"),
      link("router", "declined_answer", "card_declined"),
      link("router", "card_team", "low_confidence"),
      link("verify_card_holder", "card_security_agent"),
      link("verify_card_holder", "card_team", "failed"),
      permit("card_security_agent", "freeze_tool", { ratePerConversation: 2, dataScopes: ["cards:write"] }),
    ],
  }),
  suite: {
    name: "Card security behaviours",
    description: "Lost cards are frozen only for the verified holder; fraud and unclear requests reach people.",
    cases: [
      {
        name: "Lost card: a signed-in holder's card is frozen",
        customer: "C-1001",
        turns: ["I think I lost my card"],
        expectations: {
          routes: ["lost_or_stolen"],
          toolsCalled: ["freeze_card"],
          escalated: false,
          replyContains: [FROZEN, "4242"],
        },
      },
      {
        name: "Lost card: an anonymous visitor is verified first",
        turns: ["my card was stolen"],
        expectations: {
          routes: ["lost_or_stolen"],
          toolsNotCalled: ["freeze_card"],
          replyContains: ["e-mail"],
          replyNotContains: [FROZEN],
        },
      },
      {
        name: "Unrecognised payment: the fraud team takes it",
        customer: "C-1001",
        turns: ["there is a payment on my card I don't recognise"],
        expectations: {
          routes: ["unrecognised_payment"],
          escalated: true,
          toolsNotCalled: ["freeze_card"],
          replyContains: [FRAUD],
        },
      },
      {
        name: "Declined card: the approved explanation, word for word",
        turns: ["why was my card declined"],
        expectations: {
          routes: ["card_declined"],
          exactWordingTurns: [1],
          escalated: false,
          replyContains: ["daily limit"],
        },
      },
      {
        name: "Asking for a person at any point",
        turns: ["I want to talk to a human"],
        expectations: { escalated: true, replyContains: [PERSON] },
      },
    ],
  },
};
