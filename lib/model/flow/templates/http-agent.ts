// "LLM agent with an HTTP tool": one agent that answers order questions by calling your own web API. The URL is a
// placeholder on example.com (a reserved domain, so it never reaches anyone's server): point it at your API, which
// should answer GET <path><order number> with JSON like {"order": {"status": "shipped", "eta": "2026-11-24"}}.
import { INTERRUPTION_ROUTES } from "./interruption-routes";
import { escalate, link, node, permit, start, TEMPLATE_MODEL } from "./blocks";
import type { FlowTemplate } from "./types";

export const ORDER_API_PATH = "/api/orders/";
const ASK_NUMBER = "Which order is it? The number looks like A1234.";
const PERSON = "connecting you with a member of our team";

export const httpAgentTemplate: FlowTemplate = {
  id: "http-agent",
  name: "LLM agent with an HTTP tool",
  summary:
    "One LLM agent that answers order questions by calling your web API through an HTTP tool (a GET with the order number in the URL, its JSON answer mapped to status and delivery date).",
  note: `Replace the tool's placeholder URL (orders.example.com${ORDER_API_PATH}…) with your API before you publish: until then the cases that call it fail. The agent uses the offline stand-in model until you pick one.`,
  graph: () => ({
    schemaVersion: 1,
    nodes: [
      start([0, 1], {
        channels: ["web", "api"],
        greeting: "Hi! Give me an order number and I'll check where it is.",
        interruptions: { threshold: 0.6, routes: INTERRUPTION_ROUTES.filter((r) => r.id === "ask_person") },
      }),
      node("agent", "order_agent", "Order agent", [1, 1], {
        mode: "llm",
        model: TEMPLATE_MODEL,
        systemPrompt:
          "You help customers find out where their order is. Ask for the order number if you do not have it, call the order API with it, and tell the customer the status and expected delivery date in one or two sentences. If the API has no answer, say so and offer a person.",
        temperature: 0.2,
        maxTurns: 4,
        // What the offline stand-in asks for and says; a real model follows the system prompt instead.
        slots: [{ name: "order_number", kind: "order_number", required: true, prompt: ASK_NUMBER }],
        reply: "Order {{order_number}} is {{result.status}}, expected on {{result.eta}}.",
      }),
      node("tool", "order_api", "Order API", [1, 2], {
        source: "http",
        http: {
          method: "GET",
          url: `https://orders.example.com${ORDER_API_PATH}{{order_number}}`,
          headers: [{ name: "Accept", value: "application/json", secret: "" }],
          timeoutMs: 5000,
          responseMap: "status: order.status\neta: order.eta",
        },
        sideEffect: false,
      }),
      escalate("person", "Customer care", [1, 0], {
        queue: "general",
        reason: "Customer asked for a person",
        message: `Of course. I'm ${PERSON}; they'll reply here shortly.`,
      }),
    ],
    edges: [
      link("start", "order_agent"),
      link("start", "person", "ask_person"),
      permit("order_agent", "order_api", { ratePerConversation: 10 }),
    ],
  }),
  suite: {
    name: "Order API behaviours",
    description: "The agent asks for the order number, calls your order API with it and reports what it says.",
    cases: [
      {
        name: "Asks for the order number first",
        turns: ["where is my order?"],
        expectations: { toolsNotCalled: ["order_api"], escalated: false, replyContains: [ASK_NUMBER] },
      },
      {
        name: "Calls the API with the number given up front",
        turns: ["where is order A1001?"],
        expectations: { toolsCalled: ["order_api"], escalated: false, replyContains: ["Order A1001 is shipped"] },
      },
      {
        name: "Calls the API once the number is given",
        turns: ["I'd like to track my parcel", "it's A1002"],
        expectations: {
          toolsCalled: ["order_api"],
          escalated: false,
          replyContains: [ASK_NUMBER, "Order A1002 is shipped"],
        },
      },
      {
        name: "A person on request",
        turns: ["can I talk to a person"],
        expectations: { escalated: true, toolsNotCalled: ["order_api"], replyContains: [PERSON] },
      },
    ],
  },
};
