// What customers ask the Banking support flow in the demo history (prisma/demo/banking-flow.ts): a BANKING77 intent
// routed to its specialist, a request the router is unsure of (the care team), asking for a person.
import { pick } from "@/lib/platform/prng";
import type { NodeRun } from "./conversation-builder";
import { config, routerRun, startCheck, text } from "./node-runs";
import { customer, escalated, interruption, type ScenarioContext, type ScenarioResult } from "./retail-scenarios";

// A few phrasings per common intent; the route ids are BANKING77's, as the flow's router names them.
const ASKS: Record<string, string[]> = {
  card_arrival: ["When will my new card arrive?", "my card still hasn't come in the post"],
  exchange_rate: ["what is the exchange rate for euros?", "What rate do you use to convert to GBP?"],
  transfer_not_received_by_recipient: ["I sent money to my sister but she hasn't got it", "transfer not received"],
  top_up_failed: ["my top-up failed", "Why did my top up not go through?"],
  atm_support: ["Can I use any ATM abroad?", "which ATMs can I use?"],
  card_payment_fee_charged: ["why was I charged a fee for a card payment?", "there's an extra fee on my payment"],
  pending_card_payment: ["a card payment has been pending for days", "why is my payment still pending"],
  verify_my_identity: ["how do I verify my identity?", "what documents do you need to verify me"],
  change_pin: ["How do I change my PIN?", "I want a new pin"],
  cash_withdrawal_charge: ["why was I charged for taking out cash?", "fee on my ATM withdrawal"],
};
const UNCLEAR = ["hmm the thing from yesterday", "it's about the other thing", "can you check it"];

export function bankingIntent(ctx: ScenarioContext): ScenarioResult {
  const { random, flow, b } = ctx;
  const known = flow.routes.filter(
    (r) => ASKS[r.id] && r.target?.endsWith("_agent") && r.target !== "card_security_agent",
  );
  const route = pick(random, known);
  const message = pick(random, ASKS[route.id]);
  const router = routerRun(random, flow, message, route.id, 0.3);
  const intent = { id: route.id, label: route.label, confidence: router.decision.confidence };
  const reply = text(String(config(flow, route.target!).reply), { state: { intent } });
  const agent: NodeRun = {
    nodeId: route.target!,
    kind: "agent",
    output: {
      reply,
      handoff: { known: [], askedFor: null, extracted: [] },
      stateChanges: [
        { path: "slots", after: {} },
        { path: "partialSlots", after: {} },
        { path: "lastTask", after: route.target },
      ],
    },
    ms: 1 + random() * 6,
    replies: [reply],
  };
  const outcome = { status: "active" as const, waitingFor: "customer" };
  b.event(
    "customer_message",
    { text: message },
    customer(ctx),
    [startCheck(random, flow, message, null), router.run, agent],
    outcome,
    message,
  );
  return { state: { slots: {}, intent, lastTask: route.target, partialSlots: {} }, ...outcome, handoff: null };
}

/** The router below its threshold: the request goes to the banking care team. */
export function bankingUnclear(ctx: ScenarioContext): ScenarioResult {
  const { random, flow } = ctx;
  const message = pick(random, UNCLEAR);
  const route = pick(random, flow.routes);
  const router = routerRun(random, flow, message, route.id, 0.3, 0.12 + random() * 0.16);
  const nodes = [startCheck(random, flow, message, null), router.run];
  const intent = { id: "low_confidence", label: "unclear request", confidence: router.decision.confidence };
  return escalated(ctx, message, nodes, "human_queue", { intent }, intent);
}

export const bankingPerson = (ctx: ScenarioContext) => interruption(ctx, "ask_person");
