// An anonymous visitor (a case with no customer) walking through the Verify customer node before the flow touches
// their records: Retail asks for the e-mail on the order they named, Banking mails a code to the e-mail they give.
// Every expectation was read off the engine's real answers.
import type { DemoEvalCase } from "./demo-eval-suite";

const ASK_ORDER_EMAIL = (order: string) =>
  `To keep your account safe, I first need to confirm it's you. What is the e-mail address on order ${order}?`;
const MATCHES = "Thank you, that matches our records.";
const ASK_ACCOUNT_EMAIL =
  "To keep your account safe, I first need to confirm it's you. What e-mail address is your account under?";
const CODE_SENT = "If m***@example.com is the e-mail address on your account, I've sent it a 6-digit code";

export const RETAIL_VERIFICATION_CASES: DemoEvalCase[] = [
  {
    name: "Verification: order status once the e-mail on the order matches",
    turns: ["Where is my order A1003?", "liam.patel@example.com"],
    expectations: {
      routes: ["order_status", null],
      toolsCalled: ["lookup_order"],
      escalated: false,
      finalStatus: "active",
      replyContains: [ASK_ORDER_EMAIL("A1003"), MATCHES, "Order A1003", "has not shipped yet"],
    },
  },
  {
    name: "Verification: a wrong e-mail does not match the order",
    turns: ["Where is my order A1003?", "maya.muller@example.com"],
    expectations: {
      routes: ["order_status", null],
      toolsNotCalled: ["lookup_order"],
      escalated: false,
      replyContains: [ASK_ORDER_EMAIL("A1003"), "That doesn't match our records"],
      replyNotContains: [MATCHES, "has not shipped yet"],
    },
  },
  {
    name: "Verification: a refund once the e-mail on the order matches",
    turns: ["I'd like a refund for order A1002", "maya.muller@example.com"],
    expectations: {
      routes: ["refund", null],
      toolsCalled: ["refund_order"],
      escalated: false,
      replyContains: [ASK_ORDER_EMAIL("A1002"), MATCHES, "I've refunded $54.00 for order A1002"],
    },
  },
];

export const BANKING_VERIFICATION_CASES: DemoEvalCase[] = [
  {
    name: "Verification: a card freeze asks for the e-mail and mails a code",
    turns: ["I think I lost my card", "maya.muller@example.com"],
    expectations: {
      routes: ["lost_or_stolen_card", null],
      toolsNotCalled: ["freeze_card"],
      escalated: false,
      finalStatus: "active",
      replyContains: [ASK_ACCOUNT_EMAIL, CODE_SENT],
      replyNotContains: ["I've frozen your"],
    },
  },
  {
    name: "Verification: a wrong code does not freeze the card",
    turns: ["Someone stole my card, please block it", "maya.muller@example.com", "000000"],
    expectations: {
      routes: ["lost_or_stolen_card", null, null],
      toolsNotCalled: ["freeze_card"],
      escalated: false,
      replyContains: [ASK_ACCOUNT_EMAIL, CODE_SENT, "That code isn't right"],
      replyNotContains: ["I've frozen your"],
    },
  },
];
