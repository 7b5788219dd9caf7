// The Banking "Conversation behaviours" cases for the interruptions the flow hears on every message: a person asked
// for mid-question, frustration, small talk, starting over, and messages written after a person has been asked for
// (held for them, never answered by the flow).
import { smallTalkCases, type DemoEvalCase } from "./demo-eval-suite";

const ASK_EMAIL = "What e-mail address is your account under?";
const FROZEN = "I've frozen your";
const PERSON = "connecting you with a member of our team";
const CARE_TEAM = "I want to get this right, so I'm passing you to a member of our team";
const GREETING = "Hi! I can help with cards";
const WELCOME = "You're welcome!";
const GOODBYE = "Thanks for contacting Acme Bank. Goodbye!";
const START_AGAIN = "No problem, let's start again. How can I help you today?";

export const BANKING_INTERRUPTION_CASES: DemoEvalCase[] = [
  {
    name: "Person mid-question: while asked for the e-mail",
    turns: ["I think I lost my card", "I want to talk to a human"],
    expectations: {
      routes: ["lost_or_stolen_card", null],
      escalated: true,
      finalStatus: "escalated",
      replyContains: [ASK_EMAIL, PERSON],
      replyNotContains: [FROZEN],
    },
  },
  {
    name: "Person mid-question: a declined payment",
    turns: ["My card payment was declined", "I want to talk to a human"],
    expectations: { routes: ["declined_card_payment", null], escalated: true, replyContains: [PERSON] },
  },
  {
    name: "Person mid-question: changing the PIN",
    turns: ["I need to change my PIN", "can I talk to a person"],
    expectations: { routes: ["change_pin", null], escalated: true, finalStatus: "escalated", replyContains: [PERSON] },
  },
  {
    name: "Person mid-question: a cash withdrawal not recognised",
    turns: ["I didn't withdraw this cash, but the app says I did", "get me a real person"],
    expectations: { routes: ["cash_withdrawal_not_recognised", null], escalated: true, replyContains: [PERSON] },
  },
  {
    name: "Person mid-question: a card payment not recognised",
    turns: ["There's a payment on my card I don't recognise", "hello? can I talk to a person"],
    expectations: { routes: ["card_payment_not_recognised", null], escalated: true, replyContains: [PERSON] },
  },
  {
    name: "Person mid-question: a virtual card",
    turns: ["How do I get a virtual card?", "human please"],
    expectations: { routes: ["getting_virtual_card", null], escalated: true, replyContains: [PERSON] },
  },
  {
    name: "Frustration mid-question escalates, then a message is held",
    turns: ["Why was I charged a fee for withdrawing cash?", "this is ridiculous", "hello?"],
    expectations: {
      routes: ["cash_withdrawal_charge", null, null],
      escalated: true,
      finalStatus: "escalated",
      replyContains: [PERSON],
      replyNotContains: [GREETING],
    },
  },
  {
    name: "Escalated: a lost card is held for the person",
    turns: ["I want to talk to a human", "I think I lost my card"],
    expectations: {
      toolsNotCalled: ["freeze_card"],
      escalated: true,
      finalStatus: "escalated",
      replyContains: [PERSON],
      replyNotContains: [ASK_EMAIL],
    },
  },
  {
    name: "Escalated: the e-mail given afterwards is held",
    turns: ["I think I lost my card", "I want to talk to a human", "it's liam.patel@example.com"],
    expectations: {
      routes: ["lost_or_stolen_card", null, null],
      escalated: true,
      finalStatus: "escalated",
      replyNotContains: [FROZEN],
    },
  },
  {
    name: "Escalated: a hello is held",
    turns: ["I want to talk to a human", "hello?"],
    expectations: { escalated: true, finalStatus: "escalated", replyNotContains: [GREETING] },
  },
  {
    name: "Escalated by the care team: a hello is held",
    turns: ["asdf qwerty", "hello?"],
    expectations: {
      routes: ["low_confidence", null],
      escalated: true,
      replyContains: [CARE_TEAM],
      replyNotContains: [GREETING],
    },
  },
  ...smallTalkCases({ greeting: GREETING, welcome: WELCOME, goodbye: GOODBYE }),
  {
    name: "Small talk: hello before a request",
    turns: ["hi", "I need to change my PIN"],
    expectations: { routes: [null, "change_pin"], exactWordingTurns: [1], replyContains: [GREETING] },
  },
  {
    name: "Small talk: around a request",
    turns: ["good morning", "My top-up is still pending", "thanks", "bye"],
    expectations: {
      routes: [null, "pending_top_up", null, null],
      exactWordingTurns: [1, 3, 4],
      replyContains: [GREETING, WELCOME, GOODBYE],
      finalStatus: "resolved",
    },
  },
  {
    name: "Small talk: hello after a specialist's answer",
    turns: ["My card payment was declined", "hello?"],
    expectations: { routes: ["declined_card_payment", null], exactWordingTurns: [2], replyContains: [GREETING] },
  },
  {
    name: "Small talk: thanks mid-question, and the question again",
    turns: ["I think I lost my card", "thanks"],
    expectations: {
      routes: ["lost_or_stolen_card", null],
      exactWordingTurns: [2],
      replyContains: [WELCOME, ASK_EMAIL],
      replyNotContains: [FROZEN],
    },
  },
  {
    name: "Start over mid-question, then another request",
    turns: ["I think I lost my card", "start over", "How long does a transfer take?"],
    expectations: {
      routes: ["lost_or_stolen_card", null, "pending_transfer"],
      exactWordingTurns: [2],
      replyContains: [START_AGAIN],
      replyNotContains: [FROZEN],
    },
  },
  {
    name: "Start over after a specialist, then another request",
    turns: ["Can I change my PIN?", "never mind", "How do I close my account?"],
    expectations: { routes: ["change_pin", null, "terminate_account"], replyContains: [START_AGAIN] },
  },
  {
    name: "Start over while a stolen card waits for the e-mail",
    turns: ["Someone stole my card", "stop, I want to start again"],
    expectations: {
      routes: ["lost_or_stolen_card", null],
      escalated: false,
      replyContains: [START_AGAIN],
      replyNotContains: [FROZEN],
    },
  },
];
