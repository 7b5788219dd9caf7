// The "Retail support" demo flow. Route examples are the classifier's training data.
import type { FlowGraphInput } from "@/lib/flow/schema";

const ORDER_REPLY =
  "Order {{order.number}}, placed on {{order.placedOn}} ({{order.items}}, {{order.total}}): {{order.statusLine}}";

export const RETAIL_ROUTES = {
  order_status: {
    label: "Order status",
    examples: [
      "Where is my order?", "where's my package", "Has my order shipped yet?", "When will my order arrive?",
      "Can you track order A1001 for me", "I want to know the status of my order", "my parcel hasn't arrived",
      "What's the tracking number for my order?", "Is my delivery on the way?", "order status please",
      "It's been a week and my shoes still haven't come", "When is my package going to be delivered",
      "track my shipment", "did you send my order", "how long until my order gets here",
      "check on order A1003", "I ordered a jacket, where is it?", "has my stuff been dispatched",
      "delivery update for my order", "my order is late", "What carrier is my order with",
      "Can I get an update on A1002", "Still waiting for my delivery", "Is order A1004 delivered?",
    ],
  },
  refund: {
    label: "Refund",
    examples: [
      "I want a refund", "Can I get my money back?", "refund my order please", "I'd like to return this for a refund",
      "How do I get a refund for A1002", "The item was damaged and I want a refund", "please refund me",
      "I returned the shoes, where's my refund", "Give me my money back for this jacket",
      "I want to return my order and get refunded", "refund request for order A1004", "The product is faulty, refund",
      "Can you process a refund", "How long do refunds take", "I need a refund for the sleeping bag",
      "send my money back", "return and refund", "I was promised a refund",
    ],
  },
  cancel_order: {
    label: "Cancel order",
    examples: [
      "Cancel my order", "I want to cancel order A1003", "Please cancel the jacket I just ordered",
      "Can I still cancel my order?", "stop my order", "I changed my mind, cancel it", "cancel the purchase",
      "I ordered by mistake, please cancel", "how do I cancel an order", "Don't ship my order, cancel it",
      "cancel order number A1010", "I no longer want this order", "can you cancel before it ships",
      "call off my order", "abort my order please",
    ],
  },
  change_address: {
    label: "Change address",
    examples: [
      "I need to change my delivery address", "Can you ship to a different address?", "update the shipping address",
      "I moved, please change the address on my order", "wrong address on order A1003", "change where my order goes",
      "deliver to my office instead", "Can I edit the address for my package", "my address is wrong",
      "please send it to 12 Oak Lane instead", "update delivery address for A1001", "fix the postcode on my order",
      "I entered the wrong street", "redirect my parcel to another address",
    ],
  },
  billing_dispute: {
    label: "Billing dispute",
    examples: [
      "I was charged twice", "There's a charge I don't recognise", "You billed me the wrong amount",
      "Why was my card charged again?", "I want to dispute a charge", "double charged for order A1005",
      "unauthorized charge on my card", "The amount on my statement is wrong", "I was overcharged",
      "you took money from my account twice", "billing problem with my payment", "I see two payments for one order",
      "my credit card shows a strange Acme charge", "charged more than the price",
    ],
  },
  human: {
    label: "Talk to a human",
    examples: [
      "I want to talk to a human", "Can I speak to a person?", "Get me a real agent", "human please",
      "Let me talk to someone", "connect me to customer service", "I need a real person", "operator",
      "talk to a representative", "Is there a human I can chat with", "stop the bot, get me an agent",
      "put me through to support staff", "speak to a manager", "I'd rather talk to a human being",
    ],
  },
  out_of_scope: {
    label: "Out of scope",
    examples: [
      "What's the weather tomorrow?", "Tell me a joke", "Who won the game last night", "What is the capital of France",
      "Can you help me with my homework", "Book me a flight to Paris", "what's the meaning of life",
      "Recommend a good movie", "how do I bake bread", "What time is it in Tokyo", "play some music",
      "Write me a poem", "What's the stock price of Apple", "how tall is mount everest", "translate hello into Spanish",
      "do you like pizza", "what's 2+2",
    ],
  },
} as const;

type RouteId = keyof typeof RETAIL_ROUTES;

const escalate = (id: string, label: string, x: number, y: number, queue: string, reason: string, message: string, priority = 2) => ({
  id,
  kind: "escalate" as const,
  label,
  position: { x, y },
  config: { queue, priority, slaMinutes: priority === 1 ? 10 : 30, reason, message },
});

export function retailFlowGraph(): FlowGraphInput {
  const routes = (Object.keys(RETAIL_ROUTES) as RouteId[]).map((id) => ({
    id,
    label: RETAIL_ROUTES[id].label,
    examples: [...RETAIL_ROUTES[id].examples],
  }));
  return {
    schemaVersion: 1,
    nodes: [
      {
        id: "start",
        kind: "start",
        label: "Web and API chat",
        position: { x: 0, y: 520 },
        config: {
          channels: ["web", "api"],
          greeting:
            "Hi, I'm Acme's assistant. I can check an order, help with a refund or cancellation, change a delivery address or look into a charge. What can I do for you?",
        },
      },
      { id: "router", kind: "router", label: "Intent router", position: { x: 300, y: 480 }, config: { strategy: "classifier", threshold: 0.45, routes } },
      { id: "order_status_agent", kind: "agent", label: "Order status agent", position: { x: 600, y: 0 }, config: { mode: "deterministic", tool: "lookup_order", reply: ORDER_REPLY } },
      { id: "refund_agent", kind: "agent", label: "Refund agent", position: { x: 600, y: 190 }, config: { mode: "deterministic", tool: "lookup_order", reply: "I found order {{order.number}} ({{order.total}}). Refunds are checked by our returns team, so I'm passing this to them with the order details." } },
      { id: "cancel_agent", kind: "agent", label: "Cancellation agent", position: { x: 600, y: 380 }, config: { mode: "deterministic", tool: "lookup_order", reply: "I found order {{order.number}}: {{order.statusLine}} I'm asking our orders team to cancel it for you." } },
      { id: "address_agent", kind: "agent", label: "Address agent", position: { x: 600, y: 570 }, config: { mode: "deterministic", tool: "lookup_order", reply: "I found order {{order.number}}: {{order.statusLine}} Our orders team will update the delivery address with you." } },
      { id: "billing_agent", kind: "agent", label: "Billing agent", position: { x: 600, y: 760 }, config: { mode: "deterministic", tool: "lookup_order", reply: "I found order {{order.number}} ({{order.total}}). I'm opening a billing review so a specialist can look at the charge." } },
      { id: "scope_agent", kind: "agent", label: "Scope guide", position: { x: 600, y: 1140 }, config: { mode: "deterministic", reply: "I can only help with Acme orders: tracking, refunds, cancellations, delivery addresses and charges. Is there something about an order I can do?" } },
      escalate("refunds_queue", "Returns team", 960, 190, "refunds", "Refund request", "You're in the returns team's queue; a person will reply here shortly."),
      escalate("orders_queue", "Orders team", 960, 475, "orders", "Order change request", "You're in the orders team's queue; a person will reply here shortly."),
      escalate("billing_queue", "Billing team", 960, 760, "billing", "Billing dispute", "I've flagged this as urgent for our billing team; a person will reply here shortly.", 1),
      escalate("human_queue", "Customer care", 600, 950, "general", "Customer asked for a person", "Of course. I'm connecting you with a member of our team; they'll reply here shortly."),
      { id: "order_lookup", kind: "tool", label: "Order lookup", position: { x: 960, y: -40 }, config: { source: "builtin", builtin: "lookup_order", sideEffect: false } },
    ],
    edges: [
      { id: "e-start", source: "start", sourceHandle: "out", target: "router" },
      { id: "e-status", source: "router", sourceHandle: "order_status", target: "order_status_agent" },
      { id: "e-refund", source: "router", sourceHandle: "refund", target: "refund_agent" },
      { id: "e-cancel", source: "router", sourceHandle: "cancel_order", target: "cancel_agent" },
      { id: "e-address", source: "router", sourceHandle: "change_address", target: "address_agent" },
      { id: "e-billing", source: "router", sourceHandle: "billing_dispute", target: "billing_agent" },
      { id: "e-human", source: "router", sourceHandle: "human", target: "human_queue" },
      { id: "e-oos", source: "router", sourceHandle: "out_of_scope", target: "scope_agent" },
      { id: "e-low", source: "router", sourceHandle: "low_confidence", target: "scope_agent", label: "unsure" },
      { id: "e-refund-q", source: "refund_agent", sourceHandle: "out", target: "refunds_queue" },
      { id: "e-cancel-q", source: "cancel_agent", sourceHandle: "out", target: "orders_queue" },
      { id: "e-address-q", source: "address_agent", sourceHandle: "out", target: "orders_queue" },
      { id: "e-billing-q", source: "billing_agent", sourceHandle: "out", target: "billing_queue" },
      // Permission links: which agents may call the order lookup.
      ...["order_status_agent", "refund_agent", "cancel_agent", "address_agent", "billing_agent"].map((agent) => ({
        id: `t-${agent}`,
        kind: "tool" as const,
        source: agent,
        sourceHandle: "tools",
        target: "order_lookup",
        targetHandle: "permission",
        permission: { ratePerConversation: 10, ratePerMinute: 120, dataScopes: ["orders:read"] },
      })),
    ],
  };
}
