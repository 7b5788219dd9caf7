// The "Conversation behaviours" cases for a customer coming back: a goodbye ends the conversation as resolved, and
// writing again (within the workspace's reopen window) reopens it, with the flow from its start. One list per demo
// flow. Every expectation was read off the engine's real answers.
import type { DemoEvalCase } from "./demo-eval-suite";

const RETAIL_GOODBYE = "Thanks for contacting Acme. Goodbye!";
const BANKING_GOODBYE = "Thanks for contacting Acme Bank. Goodbye!";
const PERSON = "connecting you with a member of our team";

export const RETAIL_REOPEN_CASES: DemoEvalCase[] = [
  {
    name: "Reopen: goodbye, then another order's status",
    customer: "C-1001",
    turns: ["Where is order A1001?", "bye", "where is order A1002?"],
    expectations: {
      routes: ["order_status", null, "order_status"],
      exactWordingTurns: [2],
      toolsCalled: ["lookup_order"],
      escalated: false,
      finalStatus: "active",
      replyContains: ["Order A1001", RETAIL_GOODBYE, "Order A1002"],
    },
  },
  {
    name: "Reopen: goodbye after a cancellation, then one more question",
    customer: "C-1002",
    turns: ["Cancel order A1003", "bye", "one more thing: where is order A1022?"],
    expectations: {
      routes: ["cancel_order", null, "order_status"],
      toolsCalled: ["cancel_order", "lookup_order"],
      finalStatus: "active",
      replyContains: ["order A1003 is cancelled", RETAIL_GOODBYE, "Order A1022"],
    },
  },
  {
    name: "Reopen: hello and goodbye, then a cancellation",
    customer: "C-1002",
    turns: ["hi", "bye", "I want to cancel order A1003"],
    expectations: {
      routes: [null, null, "cancel_order"],
      toolsCalled: ["cancel_order"],
      finalStatus: "active",
      replyContains: [RETAIL_GOODBYE, "order A1003 is cancelled"],
    },
  },
  {
    name: "Reopen: goodbye mid-question, then back to the order's status",
    customer: "C-1001",
    turns: ["Where is my order?", "bye", "Where is my order?", "A1001"],
    expectations: {
      routes: ["order_status", null, "order_status", null],
      toolsCalled: ["lookup_order"],
      finalStatus: "active",
      replyContains: [RETAIL_GOODBYE, "Order A1001"],
    },
  },
  {
    name: "Reopen: goodbye mid-question, then the address change from the start",
    customer: "C-1002",
    turns: [
      "I need to change my delivery address",
      "bye",
      "I need to change my delivery address",
      "A1003",
      "12 Oak Lane, Portland 97205",
    ],
    expectations: {
      routes: ["change_address", null, "change_address", null, null],
      toolsCalled: ["change_address"],
      finalStatus: "active",
      replyContains: [RETAIL_GOODBYE, "order A1003 will now go to 12 Oak Lane, Portland 97205"],
    },
  },
  {
    name: "Reopen: goodbye, a refund, goodbye again",
    customer: "C-1001",
    turns: ["Where is order A1001?", "bye", "I want a refund for order A1002", "bye"],
    expectations: {
      routes: ["order_status", null, "refund", null],
      exactWordingTurns: [2, 4],
      toolsCalled: ["lookup_order", "refund_order"],
      finalStatus: "resolved",
      replyContains: ["I've refunded $54.00 for order A1002", RETAIL_GOODBYE],
    },
  },
  {
    name: "Reopen: goodbye, then a person",
    customer: "C-1001",
    turns: ["where is order A1001", "bye", "I want to talk to a human"],
    expectations: {
      routes: ["order_status", null, null],
      escalated: true,
      finalStatus: "escalated",
      replyContains: [RETAIL_GOODBYE, PERSON],
    },
  },
];

export const BANKING_REOPEN_CASES: DemoEvalCase[] = [
  {
    name: "Reopen: goodbye, then another specialist",
    turns: ["Can I use Apple Pay?", "bye", "How do I close my account?"],
    expectations: {
      routes: ["apple_pay_or_google_pay", null, "terminate_account"],
      exactWordingTurns: [2],
      finalStatus: "active",
      replyContains: [
        BANKING_GOODBYE,
        `You're through to our account and identity specialist about "Terminate account"`,
      ],
    },
  },
  {
    name: "Reopen: hello, goodbye, hello again",
    turns: ["hi", "bye", "hello"],
    expectations: {
      exactWordingTurns: [1, 2, 3],
      escalated: false,
      finalStatus: "active",
      replyContains: [BANKING_GOODBYE],
    },
  },
  {
    name: "Reopen: goodbye while asked for the e-mail, then the lost card from the start",
    turns: ["I think I lost my card", "bye", "I think I lost my card", "liam.patel@example.com"],
    expectations: {
      routes: ["lost_or_stolen_card", null, "lost_or_stolen_card", null],
      toolsNotCalled: ["freeze_card"],
      finalStatus: "active",
      replyContains: [
        BANKING_GOODBYE,
        "If l***@example.com is the e-mail address on your account, I've sent it a 6-digit code",
      ],
    },
  },
  {
    name: "Reopen: a frozen card, goodbye, then a failed top-up",
    customer: "C-1001",
    turns: ["I think I lost my card", "bye", "My top-up failed, what happened?"],
    expectations: {
      routes: ["lost_or_stolen_card", null, "top_up_failed"],
      finalStatus: "active",
      replyContains: ["I've frozen your Visa ending in 4242", BANKING_GOODBYE, `about "Top up failed"`],
    },
  },
  {
    name: "Reopen: goodbye, then a stolen card with the e-mail up front",
    customer: "C-1002",
    turns: ["hi", "bye", "Someone stole my card, my email is liam.patel@example.com"],
    expectations: {
      routes: [null, null, "lost_or_stolen_card"],
      toolsCalled: ["freeze_card"],
      finalStatus: "active",
      replyContains: [BANKING_GOODBYE, "I've frozen your Visa ending in 4980"],
    },
  },
  {
    name: "Reopen: goodbye, then a person",
    turns: ["My card payment was declined", "bye", "I want to talk to a human"],
    expectations: {
      routes: ["declined_card_payment", null, null],
      escalated: true,
      finalStatus: "escalated",
      replyContains: [BANKING_GOODBYE, PERSON],
    },
  },
];
