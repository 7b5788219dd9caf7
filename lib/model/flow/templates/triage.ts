// "Triage to a person": greet, tell billing from technical questions, let the billing agent look up an order, and hand
// everything else to a person. The smallest useful flow with a router, an LLM agent, a tool and an escalation.
import { builtinTool, escalate, link, node, permit, start, TEMPLATE_MODEL } from "./blocks";
import type { FlowTemplate } from "./types";

const ASK_ORDER = "Which order is the charge about? The number looks like A1234.";
const PERSON = "I'm passing you to a member of our support team";

export const BILLING_EXAMPLES = [
  "I was charged twice",
  "I was charged twice for my order",
  "why was I charged",
  "there is a charge I don't recognise",
  "the amount on my card is wrong",
  "I paid too much",
  "can I get a copy of my invoice",
  "I need an invoice for my order",
  "my payment went through twice",
  "you billed me the wrong amount",
  "question about my bill",
  "billing question",
  "the total on my receipt is wrong",
  "when will I be charged",
  "double charge on my credit card",
  "my card was charged but the order failed",
  "the price I paid is higher than shown",
  "how much did my order cost",
];

export const TECHNICAL_EXAMPLES = [
  "the app crashes when I log in",
  "I can't log in",
  "the website is not loading",
  "I forgot my password",
  "password reset email never arrives",
  "the page shows an error",
  "the app keeps freezing",
  "checkout button does nothing",
  "I get an error message",
  "my account is locked",
  "the site is very slow",
  "technical problem",
  "something is broken on your website",
  "the app won't open on my phone",
  "I can't upload a photo",
  "bug in the app",
  "the login page keeps reloading",
  "two factor code does not work",
];

export const triageTemplate: FlowTemplate = {
  id: "triage",
  name: "Triage to a person",
  summary:
    "Greets the customer, tells billing questions from technical ones, lets a billing agent look up the order, and hands technical or unclear requests to a person.",
  note: "The billing agent uses the offline stand-in model until you pick one; the order lookup reads this workspace's orders (the demo's for the test cases).",
  graph: () => ({
    schemaVersion: 1,
    nodes: [
      start([0, 1], {
        channels: ["web", "api"],
        greeting: "Hi! I can help with billing questions, or get you to our technical team. What's going on?",
      }),
      node("router", "router", "Billing or technical?", [1, 1], {
        strategy: "classifier",
        mode: "fast",
        threshold: 0.5,
        routes: [
          { id: "billing", label: "Billing", examples: BILLING_EXAMPLES },
          { id: "technical", label: "Technical", examples: TECHNICAL_EXAMPLES },
        ],
      }),
      node("agent", "billing_agent", "Billing agent", [2, 0], {
        mode: "llm",
        model: TEMPLATE_MODEL,
        systemPrompt:
          "You answer billing questions for our shop. Ask for the order number if you do not have it, look the order up with the order lookup tool, and explain what was charged. Never promise a refund; say a person can review the charge.",
        temperature: 0.2,
        maxTurns: 4,
        // What the offline stand-in asks for and says; a real model follows the system prompt instead.
        slots: [{ name: "order_number", kind: "order_number", required: true, prompt: ASK_ORDER }],
        reply:
          "Order {{result.number}}, placed on {{result.placedOn}}, came to {{result.total}} ({{result.items}}), and {{result.statusLine}} If the charge still looks wrong, just say so and a person will review it.",
      }),
      builtinTool("order_lookup", "Order lookup", [3, 0], "lookup_order"),
      escalate("person", "Support team", [2, 2], {
        queue: "support",
        reason: "Technical question or unclear request",
        message: `${PERSON}; they'll reply here shortly.`,
      }),
    ],
    edges: [
      link("start", "router"),
      link("router", "billing_agent", "billing"),
      link("router", "person", "technical"),
      link("router", "person", "low_confidence"),
      permit("billing_agent", "order_lookup", { dataScopes: ["orders:read"] }),
    ],
  }),
  suite: {
    name: "Triage behaviours",
    description: "Billing questions reach the billing agent and its order lookup; everything else reaches a person.",
    cases: [
      {
        name: "Billing: the agent asks which order",
        turns: ["I was charged twice for my order"],
        expectations: {
          routes: ["billing"],
          escalated: false,
          replyContains: [ASK_ORDER],
          toolsNotCalled: ["lookup_order"],
        },
      },
      {
        name: "Billing: a signed-in customer's order is looked up",
        customer: "C-1001",
        turns: ["there is a charge I don't recognise", "A1001"],
        expectations: {
          routes: ["billing", null],
          toolsCalled: ["lookup_order"],
          escalated: false,
          replyContains: [ASK_ORDER, "Order A1001"],
        },
      },
      {
        name: "Billing: an anonymous visitor's order stays private",
        turns: ["why was I charged", "A1001"],
        expectations: {
          routes: ["billing", null],
          replyContains: ["confirm who you are"],
          replyNotContains: ["came to"],
        },
      },
      {
        name: "Technical: a person takes it",
        turns: ["the app crashes when I log in"],
        expectations: { routes: ["technical"], escalated: true, finalStatus: "escalated", replyContains: [PERSON] },
      },
      {
        name: "Technical: a password problem goes to a person",
        turns: ["I forgot my password and the reset email never arrives"],
        expectations: { routes: ["technical"], escalated: true, toolsNotCalled: ["lookup_order"] },
      },
    ],
  },
};
