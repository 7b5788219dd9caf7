// The "Retail support" demo flow. Its router's routes and examples (the classifier's training data) are in
// retail-routes.ts.
import type { z } from "zod";
import type { agentConfig, FlowGraphInput } from "@/lib/model/flow/schema";
import type { BuiltinToolName } from "@/lib/model/tools/catalog";
import { RETAIL_ROUTES } from "./retail-routes";
import { INTERRUPTION_ROUTES, SMALL_TALK_ROUTES, smallTalkNodes } from "@/lib/model/flow/templates/interruption-routes";

const ORDER_REPLY =
  "Order {{order.number}}, placed on {{order.placedOn}} ({{order.items}}, {{order.total}}): {{order.statusLine}}";

type RouteId = keyof typeof RETAIL_ROUTES;

/**
 * The refund-policy disclosure: the exact words a customer sees while a large refund waits for a person. The engine
 * sends it only if it still equals this template rendered with the call's values (the exact-wording check).
 */
export const REFUND_POLICY_DISCLOSURE =
  "Refunds over $100 are reviewed by our returns team before they are issued. Your refund of ${{amount}} for order {{orderNumber}} is waiting for that review, usually within one business day. Once it is approved, the money goes back to your original payment method within 5–10 business days.";

export const REFUND_APPROVAL_THRESHOLD = 100;

const ORDER_PROMPT = "Sure. What's the order number? It looks like A1234.";

const escalate = (
  id: string,
  label: string,
  x: number,
  y: number,
  queue: string,
  reason: string,
  message: string,
  priority = 2,
) => ({
  id,
  kind: "escalate" as const,
  label,
  position: { x, y },
  config: { queue, priority, slaMinutes: priority === 1 ? 10 : 30, reason, message },
});

const agent = (id: string, label: string, x: number, y: number, config: Omit<z.input<typeof agentConfig>, "mode">) => ({
  id,
  kind: "agent" as const,
  label,
  position: { x, y },
  config: { mode: "deterministic" as const, ...config },
});

const tool = (id: string, label: string, x: number, y: number, builtin: BuiltinToolName, sideEffect: boolean) => ({
  id,
  kind: "tool" as const,
  label,
  position: { x, y },
  config: { source: "builtin" as const, builtin, sideEffect },
});

const permit = (agentId: string, toolId: string, permission: Record<string, unknown> = {}) => ({
  id: `t-${agentId}-${toolId}`,
  kind: "tool" as const,
  source: agentId,
  sourceHandle: "tools",
  target: toolId,
  targetHandle: "permission",
  permission: { ratePerConversation: 10, ratePerMinute: 120, ...permission },
});

/** The routes that reach a customer's orders: each goes through its own Verify customer node to its agent. */
const VERIFIED_ROUTES = [
  ["order_status", "order_status_agent"],
  ["refund", "refund_agent"],
  ["cancel_order", "cancel_agent"],
  ["change_address", "address_agent"],
] as const;

const verifyNode = (route: string, index: number) => ({
  id: `verify_${route}`,
  kind: "verify_customer" as const,
  label: `Verify customer (${RETAIL_ROUTES[route as RouteId].label.toLowerCase()})`,
  position: { x: 450, y: index * 190 - 90 },
  // The demo's orders share a handful of postcodes: only the e-mail on the order counts as proof here.
  config: { method: "knowledge" as const, secondFactor: "email" as const, maxAttempts: 3 },
});

export function retailFlowGraph(): FlowGraphInput {
  const smallTalk = smallTalkNodes({
    brand: "Acme",
    offer:
      "I can check an order, refund or cancel one, change a delivery address or look into a charge. What can I do for you?",
    x: -600,
    y: 520,
  });
  const routes = (Object.keys(RETAIL_ROUTES) as RouteId[]).map((id) => ({
    id,
    label: RETAIL_ROUTES[id].label,
    examples: [...RETAIL_ROUTES[id].examples],
  }));
  const orderSlot = { name: "order_number", kind: "order_number" as const, required: true, prompt: ORDER_PROMPT };
  return {
    schemaVersion: 1,
    nodes: [
      {
        id: "start",
        kind: "start",
        label: "Web and API chat",
        position: { x: -300, y: 520 },
        config: {
          channels: ["web", "api"],
          greeting:
            "Hi, I'm Acme's assistant. I can check an order, refund or cancel one, change a delivery address or look into a charge. What can I do for you?",
          interruptions: {
            threshold: 0.6,
            routes: [...INTERRUPTION_ROUTES, ...SMALL_TALK_ROUTES],
            // "Where is my order?" → "first, cancel A1003" → done → back to the question left open.
            neverSwitchTo: ["out_of_scope"],
            returnAfterSwitch: true,
            returnPrompt: "Is there anything else about your order {{state.orderNumber}}?",
          },
        },
      },
      {
        id: "input_guard",
        kind: "guardrail",
        label: "Prompt-injection screen",
        position: { x: 0, y: 520 },
        config: { stage: "input", policies: [{ type: "prompt_injection", values: [] }], onViolation: "block" },
      },
      {
        id: "injection_reply",
        kind: "response",
        label: "Won't act on that",
        position: { x: 0, y: 760 },
        config: {
          template:
            "I can only help with your Acme orders, so I can't act on instructions like that. Is there something about an order I can do for you?",
        },
      },
      {
        id: "start_over_reply",
        kind: "response",
        label: "Start over",
        position: { x: -300, y: 760 },
        config: { template: "No problem, let's start again. What can I do for you?" },
      },
      {
        id: "router",
        kind: "router",
        label: "Intent router",
        position: { x: 300, y: 480 },
        // Fast, although semantic routes a held-out 30% of these examples better (about 90% against 76%; README →
        // Routing): mid-task, the semantic model sends the correction "sorry, wrong number, it's A1002" to
        // change_address with enough confidence to switch, and it costs a third of the turns per second.
        config: { strategy: "classifier", mode: "fast", threshold: 0.45, routes },
      },
      agent("order_status_agent", "Order status agent", 600, 0, {
        slots: [orderSlot],
        tool: "lookup_order",
        reply: ORDER_REPLY,
      }),
      agent("refund_agent", "Refund agent", 600, 190, {
        slots: [orderSlot, { name: "amount", kind: "amount", required: false, prompt: "" }],
        tool: "refund_order",
        reply:
          "Done: I've refunded {{state.refund.refunded}} for order {{state.refund.orderNumber}} to your original payment method. It usually shows within 5–10 business days.",
      }),
      agent("cancel_agent", "Cancellation agent", 600, 380, {
        slots: [orderSlot],
        tool: "cancel_order",
        reply:
          "Done: order {{state.cancellation.orderNumber}} is cancelled, and {{state.cancellation.refunded}} goes back to your original payment method.",
      }),
      agent("address_agent", "Address agent", 600, 570, {
        slots: [
          orderSlot,
          {
            name: "address",
            kind: "address",
            required: true,
            prompt: "What is the new delivery address? Street, city and postcode on one line, please.",
          },
        ],
        tool: "change_address",
        reply: "Done: order {{state.addressChange.orderNumber}} will now go to {{state.addressChange.address}}.",
      }),
      agent("billing_agent", "Billing agent", 600, 760, {
        slots: [orderSlot],
        tool: "open_ticket",
        reply:
          "I've opened billing case {{state.ticket.reference}} about order {{state.orderNumber}}, so the charge is on record.",
      }),
      agent("scope_agent", "Scope guide", 600, 1140, {
        reply:
          "I can only help with Acme orders: tracking, refunds, cancellations, delivery addresses and charges. Is there something about an order I can do?",
      }),
      {
        id: "output_guard",
        kind: "guardrail",
        label: "Reply check",
        position: { x: 960, y: 280 },
        config: {
          stage: "output",
          policies: [
            { type: "pii_redact", values: [] },
            { type: "blocked_phrases", values: ["topic:legal_advice", "topic:investment_advice", "guaranteed refund"] },
          ],
          onViolation: "redact",
        },
      },
      escalate(
        "billing_queue",
        "Billing team",
        960,
        760,
        "billing",
        "Billing dispute",
        "I've flagged this as urgent for our billing team; a person will reply here shortly.",
        1,
      ),
      escalate(
        "human_queue",
        "Customer care",
        600,
        950,
        "general",
        "Customer asked for a person",
        "Of course. I'm connecting you with a member of our team; they'll reply here shortly.",
      ),
      escalate(
        "care_queue",
        "Care team",
        300,
        1140,
        "general",
        "Customer is frustrated",
        "I'm sorry this has been frustrating. I'm passing you to a member of our team now; they'll reply here shortly.",
        1,
      ),
      ...VERIFIED_ROUTES.map(([route], index) => verifyNode(route, index)),
      escalate(
        "verify_failed_queue",
        "Identity check failed",
        300,
        1330,
        "general",
        "Customer could not be verified",
        "A member of our team will help you here.",
      ),
      ...smallTalk.nodes,
      tool("order_lookup", "Order lookup", 960, -60, "lookup_order", false),
      tool("refund_tool", "Refund", 960, 100, "refund_order", true),
      tool("cancel_tool", "Cancel order", 1260, 380, "cancel_order", true),
      tool("address_tool", "Change address", 1260, 570, "change_address", true),
      tool("ticket_tool", "Support ticket", 1260, 760, "open_ticket", true),
    ],
    edges: [
      { id: "e-start", source: "start", sourceHandle: "out", target: "input_guard" },
      { id: "e-ask-person", source: "start", sourceHandle: "ask_person", target: "human_queue" },
      { id: "e-start-over", source: "start", sourceHandle: "start_over", target: "start_over_reply" },
      { id: "e-frustrated", source: "start", sourceHandle: "frustrated", target: "care_queue" },
      ...smallTalk.edges,
      { id: "e-guard", source: "input_guard", sourceHandle: "pass", target: "router" },
      { id: "e-injection", source: "input_guard", sourceHandle: "violation", target: "injection_reply" },
      // Order details, refunds, cancellations and address changes need a verified customer: the API's named customer
      // and a shopper the host site signed in pass straight through; anyone else is asked for order details.
      ...VERIFIED_ROUTES.flatMap(([route, agentId]) => [
        { id: `e-${route}`, source: "router", sourceHandle: route, target: `verify_${route}` },
        { id: `e-verify-${route}`, source: `verify_${route}`, sourceHandle: "out", target: agentId },
        {
          id: `e-verify-${route}-failed`,
          source: `verify_${route}`,
          sourceHandle: "failed",
          target: "verify_failed_queue",
        },
      ]),
      { id: "e-billing", source: "router", sourceHandle: "billing_dispute", target: "billing_agent" },
      { id: "e-human", source: "router", sourceHandle: "human", target: "human_queue" },
      { id: "e-oos", source: "router", sourceHandle: "out_of_scope", target: "scope_agent" },
      { id: "e-low", source: "router", sourceHandle: "low_confidence", target: "scope_agent", label: "unsure" },
      ...["order_status_agent", "refund_agent", "cancel_agent", "address_agent"].map((id) => ({
        id: `e-${id}-check`,
        source: id,
        sourceHandle: "out",
        target: "output_guard",
      })),
      { id: "e-billing-q", source: "billing_agent", sourceHandle: "out", target: "billing_queue" },
      // Permission links: the agent × tool matrix, with limits. Refunds above the threshold wait for an operator.
      permit("order_status_agent", "order_lookup", { dataScopes: ["orders:read"] }),
      permit("refund_agent", "refund_tool", {
        ratePerConversation: 3,
        approvalAbove: REFUND_APPROVAL_THRESHOLD,
        approvalField: "amount",
        approverRole: "operator",
        approvalMessage: REFUND_POLICY_DISCLOSURE,
        dataScopes: ["orders:read", "payments:refund"],
      }),
      permit("cancel_agent", "cancel_tool", { ratePerConversation: 3, dataScopes: ["orders:write"] }),
      permit("address_agent", "address_tool", { ratePerConversation: 3, dataScopes: ["orders:write"] }),
      permit("billing_agent", "ticket_tool", { ratePerConversation: 2, dataScopes: ["tickets:write"] }),
    ],
  };
}
