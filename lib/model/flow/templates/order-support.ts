// "Order support with verification": order status and cancellations, each behind a Verify customer node, so order
// details and changes reach only the customer the order belongs to; anything else gets a polite scope answer, and a
// person is always one message away.
import { INTERRUPTION_ROUTES } from "./interruption-routes";
import { builtinTool, escalate, link, node, permit, reply, start } from "./blocks";
import type { FlowTemplate } from "./types";

const ASK_NUMBER = "What's the order number? It looks like A1234.";
const ORDER_EMAIL = "What is the e-mail address on order";
const MATCHES = "Thank you, that matches our records.";
const SCOPE = "I can check an order or cancel one";
const PERSON = "connecting you with a member of our team";
const orderSlot = { name: "order_number", kind: "order_number" as const, required: true, prompt: ASK_NUMBER };

export const orderSupportTemplate: FlowTemplate = {
  id: "order-support",
  name: "Order support with verification",
  summary:
    "Checks an order's status or cancels it, after proving the customer owns the order (the e-mail on it, or a signed-in customer); anything else gets a scope answer or a person.",
  note: "Uses the built-in order tools, which read and change this workspace's orders; the cases use the demo's orders.",
  graph: () => ({
    schemaVersion: 1,
    nodes: [
      start([0, 1], {
        channels: ["web", "api"],
        greeting: "Hi! I can check an order or cancel one. What can I do for you?",
        interruptions: {
          threshold: 0.6,
          routes: INTERRUPTION_ROUTES.filter((r) => r.id === "ask_person"),
          returnAfterSwitch: true,
        },
      }),
      node("router", "router", "What is it about?", [1, 1], {
        strategy: "classifier",
        mode: "fast",
        threshold: 0.45,
        routes: [
          {
            id: "order_status",
            label: "Order status",
            examples: [
              "where is my order",
              "where is my order A1001",
              "has my order shipped",
              "track my order",
              "when will my package arrive",
              "order status",
              "is my parcel on its way",
              "what's the tracking number",
              "my order hasn't arrived",
              "can you check order A1003",
              "delivery status of my order",
              "when does my order come",
            ],
          },
          {
            id: "cancel_order",
            label: "Cancel an order",
            examples: [
              "cancel my order",
              "I want to cancel order A1041",
              "please cancel it",
              "I changed my mind, cancel it",
              "stop my order",
              "I don't want the order anymore",
              "cancel the purchase",
              "can I still cancel",
              "cancel order",
              "I ordered by mistake, cancel it",
              "undo my order",
              "call off my order",
            ],
          },
        ],
      }),
      node("verify_customer", "verify_status", "Verify customer (status)", [2, 0], {
        method: "knowledge",
        secondFactor: "email",
      }),
      node("verify_customer", "verify_cancel", "Verify customer (cancel)", [2, 1], {
        method: "knowledge",
        secondFactor: "email",
      }),
      node("agent", "status_agent", "Order status agent", [3, 0], {
        mode: "deterministic",
        slots: [orderSlot],
        tool: "lookup_order",
        reply:
          "Order {{order.number}}, placed on {{order.placedOn}} ({{order.items}}, {{order.total}}): {{order.statusLine}}",
      }),
      node("agent", "cancel_agent", "Cancellation agent", [3, 1], {
        mode: "deterministic",
        slots: [orderSlot],
        tool: "cancel_order",
        reply:
          "Done: order {{state.cancellation.orderNumber}} is cancelled, and {{state.cancellation.refunded}} goes back to your original payment method.",
      }),
      builtinTool("lookup_tool", "Order lookup", [4, 0], "lookup_order"),
      builtinTool("cancel_tool", "Cancel order", [4, 1], "cancel_order"),
      reply(
        "scope_reply",
        "Scope answer",
        [2, 2],
        `Sorry, ${SCOPE}. For anything else, ask for a person and I'll connect you.`,
      ),
      escalate("person", "Customer care", [2, 3], {
        queue: "general",
        reason: "Customer asked for a person or could not be verified",
        message: `Of course. I'm ${PERSON}; they'll reply here shortly.`,
      }),
    ],
    edges: [
      link("start", "router"),
      link("start", "person", "ask_person"),
      link("router", "verify_status", "order_status"),
      link("router", "verify_cancel", "cancel_order"),
      link("router", "scope_reply", "low_confidence"),
      link("verify_status", "status_agent"),
      link("verify_cancel", "cancel_agent"),
      link("verify_status", "person", "failed"),
      link("verify_cancel", "person", "failed"),
      permit("status_agent", "lookup_tool", { dataScopes: ["orders:read"] }),
      permit("cancel_agent", "cancel_tool", { ratePerConversation: 3, dataScopes: ["orders:write"] }),
    ],
  }),
  suite: {
    name: "Order support behaviours",
    description: "Order details and cancellations only for the order's owner; a person on request.",
    cases: [
      {
        name: "Status: a signed-in customer gets their order",
        customer: "C-1001",
        turns: ["Where is my order?", "A1001"],
        expectations: {
          routes: ["order_status", null],
          toolsCalled: ["lookup_order"],
          escalated: false,
          replyContains: [ASK_NUMBER, "Order A1001"],
        },
      },
      {
        name: "Status: an anonymous visitor proves the order is theirs first",
        turns: ["Where is my order A1003?", "liam.patel@example.com"],
        expectations: {
          routes: ["order_status", null],
          toolsCalled: ["lookup_order"],
          replyContains: [`${ORDER_EMAIL} A1003?`, MATCHES, "Order A1003"],
        },
      },
      {
        name: "Status: a wrong e-mail reveals nothing",
        turns: ["Where is my order A1003?", "maya.muller@example.com"],
        expectations: {
          routes: ["order_status", null],
          toolsNotCalled: ["lookup_order"],
          replyNotContains: [MATCHES, "placed on"],
        },
      },
      {
        name: "Cancel: a signed-in customer cancels an order that has not shipped",
        customer: "C-1018",
        turns: ["I changed my mind, cancel it", "A1041"],
        expectations: {
          routes: ["cancel_order", null],
          toolsCalled: ["cancel_order"],
          replyContains: ["order A1041 is cancelled"],
        },
      },
      {
        name: "A person on request",
        turns: ["can I talk to a person"],
        expectations: { escalated: true, replyContains: [PERSON] },
      },
    ],
  },
};
