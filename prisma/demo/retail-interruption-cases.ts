// The Retail "Conversation behaviours" cases for the interruptions the flow hears on every message: a person asked
// for mid-question, small talk, starting over, frustration, and messages written while a large refund waits for
// approval (nobody approves during a run) or after a person has been asked for (held for them, never answered).
import { smallTalkCases, type DemoEvalCase } from "./demo-eval-suite";

const ASK_NUMBER = "What's the order number?";
const PERSON = "connecting you with a member of our team";
const FRUSTRATED = "I'm sorry this has been frustrating";
const STILL_WAITING = "still waiting for our team's review";
const DISCLOSURE_A1004 = "Your refund of $288.00 for order A1004 is waiting for that review";
const GREETING = "Hi! I can check an order";
const WELCOME = "You're welcome!";
const GOODBYE = "Thanks for contacting Acme. Goodbye!";
const START_AGAIN = "No problem, let's start again.";

export const RETAIL_INTERRUPTION_CASES: DemoEvalCase[] = [
  {
    name: "Person mid-question: while asked for the order number",
    customer: "C-1001",
    turns: ["Where is my order?", "I want to talk to a human"],
    expectations: {
      routes: ["order_status", null],
      toolsNotCalled: ["lookup_order"],
      escalated: true,
      finalStatus: "escalated",
      replyContains: [ASK_NUMBER, PERSON],
    },
  },
  {
    name: "Person mid-question: during a refund",
    turns: ["I want a refund", "can I speak to a person"],
    expectations: {
      routes: ["refund", null],
      toolsNotCalled: ["refund_order"],
      escalated: true,
      finalStatus: "escalated",
      replyContains: [PERSON],
    },
  },
  {
    name: "Person mid-question: during a cancellation",
    turns: ["Cancel my order", "get me a real person"],
    expectations: { routes: ["cancel_order", null], toolsNotCalled: ["cancel_order"], escalated: true },
  },
  {
    name: "Person mid-question: during an address change",
    turns: ["I need to change my delivery address", "human please"],
    expectations: {
      routes: ["change_address", null],
      toolsNotCalled: ["change_address"],
      escalated: true,
      replyContains: [PERSON],
    },
  },
  {
    name: "Frustration mid-question goes to the care team",
    turns: ["Where is my order?", "this is ridiculous"],
    expectations: {
      routes: ["order_status", null],
      toolsNotCalled: ["lookup_order"],
      escalated: true,
      finalStatus: "escalated",
      replyContains: [FRUSTRATED],
    },
  },
  {
    name: "Frustration during a refund",
    turns: ["I want a refund", "this is ridiculous"],
    expectations: { toolsNotCalled: ["refund_order"], escalated: true, replyContains: [FRUSTRATED] },
  },
  {
    name: "Approval wait: a question meanwhile is told what it waits for",
    customer: "C-1003",
    turns: ["Please refund order A1004", "any news?"],
    expectations: {
      routes: ["refund", null],
      exactWordingTurns: [1],
      toolsNotCalled: ["refund_order"],
      escalated: false,
      finalStatus: "active",
      replyContains: [DISCLOSURE_A1004, STILL_WAITING],
    },
  },
  {
    name: "Approval wait: another request meanwhile is not acted on",
    customer: "C-1003",
    turns: ["Please refund order A1004", "where is order A1054"],
    expectations: {
      routes: ["refund", null],
      toolsNotCalled: ["refund_order", "lookup_order"],
      replyContains: [STILL_WAITING],
      replyNotContains: ["Order A1054"],
    },
  },
  {
    name: "Approval wait: a new request mid-wait does not switch",
    customer: "C-1003",
    turns: ["Please refund order A1004", "cancel order A1054 instead"],
    expectations: {
      toolsNotCalled: ["refund_order", "cancel_order"],
      replyContains: [STILL_WAITING],
      replyNotContains: ["is cancelled"],
      finalStatus: "active",
    },
  },
  {
    name: "Approval wait: thanks, then a question",
    customer: "C-1034",
    turns: ["refund order A1007", "thanks", "any update?"],
    expectations: {
      routes: ["refund", null, null],
      exactWordingTurns: [1, 2],
      toolsNotCalled: ["refund_order"],
      replyContains: ["Your refund of $109.00 for order A1007", WELCOME, STILL_WAITING],
      escalated: false,
    },
  },
  {
    name: "Approval wait: asking for a person escalates, later messages are held",
    customer: "C-1003",
    turns: ["Please refund order A1004", "hello? can I talk to a person", "where is order A1054"],
    expectations: {
      routes: ["refund", null, null],
      toolsNotCalled: ["refund_order", "lookup_order"],
      escalated: true,
      finalStatus: "escalated",
      replyContains: [DISCLOSURE_A1004, PERSON],
      replyNotContains: [STILL_WAITING, "Order A1054"],
    },
  },
  {
    name: "Approval wait: frustration escalates",
    customer: "C-1003",
    turns: ["Please refund order A1004", "this is useless"],
    expectations: {
      toolsNotCalled: ["refund_order"],
      escalated: true,
      finalStatus: "escalated",
      replyContains: [FRUSTRATED],
    },
  },
  {
    name: "Escalated: a new request is held for the person",
    customer: "C-1001",
    turns: ["I want to talk to a human", "where is order A1001"],
    expectations: {
      toolsNotCalled: ["lookup_order"],
      escalated: true,
      finalStatus: "escalated",
      replyContains: [PERSON],
      replyNotContains: ["Order A1001", ASK_NUMBER],
    },
  },
  {
    name: "Escalated: small talk is held for the person",
    turns: ["I want to talk to a human", "thanks", "bye"],
    expectations: {
      escalated: true,
      finalStatus: "escalated",
      replyNotContains: [WELCOME, GOODBYE],
    },
  },
  {
    name: "Escalated to billing: a later question is held",
    customer: "C-1004",
    turns: ["I was charged twice for order A1005", "where is order A1040"],
    expectations: {
      routes: ["billing_dispute", null],
      toolsCalled: ["open_ticket"],
      toolsNotCalled: ["lookup_order"],
      escalated: true,
      finalStatus: "escalated",
      replyNotContains: ["Order A1040"],
    },
  },
  {
    name: "Escalated for frustration: a refund request is held",
    customer: "C-1001",
    turns: ["this is useless", "I want a refund for A1002"],
    expectations: {
      toolsNotCalled: ["refund_order"],
      escalated: true,
      finalStatus: "escalated",
      replyContains: [FRUSTRATED],
      replyNotContains: ["refunded"],
    },
  },
  ...smallTalkCases({ greeting: GREETING, welcome: WELCOME, goodbye: GOODBYE }),
  {
    name: "Small talk: hello before an order",
    customer: "C-1001",
    turns: ["hi", "Where is my order A1002?"],
    expectations: {
      routes: [null, "order_status"],
      exactWordingTurns: [1],
      toolsCalled: ["lookup_order"],
      replyContains: [GREETING, "Order A1002"],
    },
  },
  {
    name: "Small talk: thanks mid-question, then the number",
    customer: "C-1001",
    turns: ["Where is my order?", "thanks", "A1001"],
    expectations: {
      routes: ["order_status", null, null],
      exactWordingTurns: [2],
      toolsCalled: ["lookup_order"],
      replyContains: [WELCOME, ASK_NUMBER, "Order A1001"],
    },
  },
  {
    name: "Small talk: hello mid-refund, then the number",
    customer: "C-1010",
    turns: ["I want a refund", "hello", "A1009"],
    expectations: {
      routes: ["refund", null, null],
      toolsCalled: ["refund_order"],
      replyContains: [GREETING, "I've refunded $45.00 for order A1009"],
    },
  },
  {
    name: "Small talk: good morning, a cancellation, thanks",
    customer: "C-1002",
    turns: ["good morning", "I want to cancel order A1003", "thanks"],
    expectations: {
      routes: [null, "cancel_order", null],
      exactWordingTurns: [1, 3],
      toolsCalled: ["cancel_order"],
      replyContains: ["order A1003 is cancelled", WELCOME],
    },
  },
  {
    name: "Small talk: goodbye mid-question",
    turns: ["hey", "I need to change my delivery address", "bye"],
    expectations: {
      routes: [null, "change_address", null],
      toolsNotCalled: ["change_address"],
      replyContains: [GOODBYE],
      finalStatus: "resolved",
    },
  },
  {
    name: "Small talk: thanks after out of scope",
    turns: ["Write me a poem", "thanks"],
    expectations: { routes: ["out_of_scope", null], exactWordingTurns: [2], replyContains: [WELCOME] },
  },
  {
    name: "Start over mid-question, then another request",
    customer: "C-1001",
    turns: ["I want to change my delivery address", "never mind, let's start again", "where is order A1001"],
    expectations: {
      routes: ["change_address", null, "order_status"],
      toolsCalled: ["lookup_order"],
      toolsNotCalled: ["change_address"],
      replyContains: [START_AGAIN, "Order A1001"],
    },
  },
  {
    name: "Start over during a refund",
    customer: "C-1001",
    turns: ["I want a refund", "never mind", "where is order A1002"],
    expectations: {
      routes: ["refund", null, "order_status"],
      exactWordingTurns: [2],
      toolsNotCalled: ["refund_order"],
      replyContains: [START_AGAIN, "Order A1002"],
    },
  },
];
