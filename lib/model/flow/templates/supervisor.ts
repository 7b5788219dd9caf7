// "Supervisor with sub-flows": a supervisor flow routes each request to a specialist flow of its own (orders,
// account), called as a sub-flow, and takes the conversation back when the specialist is done. The template creates
// and publishes the two specialist flows too, named after the new flow ("<slug>-orders", "<slug>-account").
import { INTERRUPTION_ROUTES } from "./interruption-routes";
import { builtinTool, escalate, link, node, permit, reply, start } from "./blocks";
import type { FlowTemplate } from "./types";

const ASK_NUMBER = "Which order is it? The number looks like A1234.";
const ACCOUNT_ANSWER =
  "You can change your e-mail address or password under Account → Settings → Sign-in. A confirmation goes to your current e-mail address.";
const ANYTHING_ELSE = "Is there anything else I can help with?";
const PERSON = "connecting you with a member of our team";

const ordersDesk = () => ({
  schemaVersion: 1 as const,
  nodes: [
    start([0, 0], { channels: ["web", "api"] }),
    node("agent", "order_agent", "Order agent", [1, 0], {
      mode: "deterministic",
      slots: [{ name: "order_number", kind: "order_number", required: true, prompt: ASK_NUMBER }],
      tool: "lookup_order",
      reply:
        "Order {{order.number}}, placed on {{order.placedOn}} ({{order.items}}, {{order.total}}): {{order.statusLine}}",
    }),
    builtinTool("lookup_tool", "Order lookup", [1, 1], "lookup_order"),
    node("end", "done", "Back to the supervisor", [2, 0], { outcome: "resolved" }),
  ],
  edges: [
    link("start", "order_agent"),
    link("order_agent", "done"),
    permit("order_agent", "lookup_tool", { dataScopes: ["orders:read"] }),
  ],
});

const accountDesk = () => ({
  schemaVersion: 1 as const,
  nodes: [
    start([0, 0], { channels: ["web", "api"] }),
    reply("account_answer", "Sign-in settings answer", [1, 0], ACCOUNT_ANSWER),
    node("end", "done", "Back to the supervisor", [2, 0], { outcome: "resolved" }),
  ],
  edges: [link("start", "account_answer"), link("account_answer", "done")],
});

export const supervisorTemplate: FlowTemplate = {
  id: "supervisor",
  name: "Supervisor with sub-flows",
  summary:
    "A supervisor that sends order questions and account questions to two specialist flows, called as sub-flows, and takes the conversation back when each is done.",
  note: "Also creates and publishes the two specialist flows it calls, named after this one: <slug>-orders and <slug>-account.",
  graph: ({ slug }) => ({
    schemaVersion: 1,
    nodes: [
      start([0, 1], {
        channels: ["web", "api"],
        greeting: "Hi! I can help with your orders or your account. What do you need?",
        interruptions: { threshold: 0.6, routes: INTERRUPTION_ROUTES.filter((r) => r.id === "ask_person") },
      }),
      node("router", "supervisor", "Supervisor", [1, 1], {
        strategy: "classifier",
        mode: "fast",
        threshold: 0.45,
        routes: [
          {
            id: "orders",
            label: "Orders",
            examples: [
              "where is my order",
              "has my order shipped",
              "track my parcel",
              "order status",
              "when will my package arrive",
              "my order hasn't arrived",
              "what did I order",
              "check my order",
              "delivery of my order",
              "tracking number for my order",
            ],
          },
          {
            id: "account",
            label: "Account",
            examples: [
              "how do I change my password",
              "change my e-mail address",
              "I want to update my account",
              "reset my password",
              "how do I change my sign-in details",
              "update my login email",
              "account settings",
              "change the email on my account",
              "where do I change my password",
              "my account details are wrong",
            ],
          },
        ],
      }),
      node("subflow", "orders_desk", "Orders desk (sub-flow)", [2, 0], { flowSlug: `${slug}-orders`, pass: [] }),
      node("subflow", "account_desk", "Account desk (sub-flow)", [2, 1], { flowSlug: `${slug}-account`, pass: [] }),
      reply("anything_else", "Anything else?", [3, 0.5], ANYTHING_ELSE),
      escalate("person", "Customer care", [2, 2], {
        queue: "general",
        reason: "Customer asked for a person or the request was unclear",
        message: `Of course. I'm ${PERSON}; they'll reply here shortly.`,
      }),
    ],
    edges: [
      link("start", "supervisor"),
      link("start", "person", "ask_person"),
      link("supervisor", "orders_desk", "orders"),
      link("supervisor", "account_desk", "account"),
      link("supervisor", "person", "low_confidence"),
      link("orders_desk", "anything_else"),
      link("account_desk", "anything_else"),
    ],
  }),
  subflows: [
    {
      slugSuffix: "-orders",
      nameSuffix: " · Orders desk",
      description: "Called by its supervisor flow: looks up an order for the verified customer.",
      graph: ordersDesk,
    },
    {
      slugSuffix: "-account",
      nameSuffix: " · Account desk",
      description: "Called by its supervisor flow: answers sign-in and account questions.",
      graph: accountDesk,
    },
  ],
  suite: {
    name: "Supervisor behaviours",
    description: "Each request reaches its specialist flow, and the supervisor takes the conversation back after.",
    cases: [
      {
        name: "Orders: the orders desk looks the order up",
        customer: "C-1001",
        turns: ["where is my order?", "A1001"],
        expectations: {
          routes: ["orders", null],
          toolsCalled: ["lookup_order"],
          escalated: false,
          replyContains: [ASK_NUMBER, "Order A1001", ANYTHING_ELSE],
        },
      },
      {
        name: "Orders: the number given up front",
        customer: "C-1001",
        turns: ["has my order A1001 shipped?"],
        expectations: {
          routes: ["orders"],
          toolsCalled: ["lookup_order"],
          replyContains: ["Order A1001", ANYTHING_ELSE],
        },
      },
      {
        name: "Account: the account desk answers word for word",
        turns: ["how do I change my password?"],
        expectations: {
          routes: ["account"],
          exactWordingTurns: [1],
          escalated: false,
          replyContains: [ACCOUNT_ANSWER, ANYTHING_ELSE],
        },
      },
      {
        name: "A person on request",
        turns: ["I want to talk to a human"],
        expectations: { escalated: true, toolsNotCalled: ["lookup_order"], replyContains: [PERSON] },
      },
    ],
  },
};
