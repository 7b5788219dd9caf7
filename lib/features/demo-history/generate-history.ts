// The demo's last 30 days of traffic, planned and written out as rows (pure: the same context, `now` and seed give
// the same rows). The shape: about a hundred conversations a day on weekdays, fewer at weekends, a daily rhythm
// peaking in the US afternoon, slow growth over the month, and two incidents (a carrier delay that brought a wave of
// "where is my order" and frustrated customers, and an afternoon of duplicate card charges).
import { pick, prng } from "@/lib/platform/prng";
import { bankingIntent, bankingPerson, bankingUnclear } from "./banking-scenarios";
import { ConversationBuilder } from "./conversation-builder";
import { emptyRows, type HistoryRows } from "./history-rows";
import { decideApproval, escalationFate, handleEscalation, type EscalationFate, type Operator } from "./human-handling";
import { endRun, responseRun, startCheck, type HistoryFlow, type Random } from "./node-runs";
import {
  billingDispute,
  customer,
  interruption,
  orderStatus,
  outOfScope,
  refund,
  type HistoryOrder,
  type ScenarioContext,
  type ScenarioResult,
} from "./retail-scenarios";
import { sampleReviews } from "./sample-reviews";

export const HISTORY_DAYS = 30;
export const HISTORY_SEED = 20_261_206;

export type HistoryContext = {
  workspaceId: string;
  assistantName: string;
  retail: HistoryFlow;
  banking: HistoryFlow;
  customers: { id: string }[];
  orders: HistoryOrder[];
  /** Orders the history must not refund (the ones the demo script and the browser tests use). */
  reservedOrders: Set<string>;
  operator: Operator | null;
};

const DAY = 86_400_000;
const HOUR = 3_600_000;
// Share of the day's conversations starting in each UTC hour: the store's customers are mostly in the Americas.
const HOURLY = [3, 2.2, 1.5, 1, 0.8, 0.6, 0.6, 0.8, 1.2, 2, 3, 4, 5, 6, 7, 7.5, 7.5, 7, 6.5, 6, 5.5, 5, 4.5, 3.6];
// Sunday first, as Date.getUTCDay counts.
const WEEKDAY = [0.55, 1.15, 1.05, 1, 1, 0.9, 0.6];
const BASE_PER_DAY = 100;

type Incident = { daysAgo: number; fromHour: number; hours: number; count: number; kinds: RetailKind[] };
const INCIDENTS: Incident[] = [
  { daysAgo: 11, fromHour: 14, hours: 6, count: 70, kinds: ["order_status", "order_status", "frustrated"] },
  { daysAgo: 4, fromHour: 16, hours: 2.5, count: 40, kinds: ["billing_dispute"] },
];

type RetailKind = "order_status" | "refund" | "billing_dispute" | "ask_person" | "frustrated" | "out_of_scope";
const RETAIL_MIX: [RetailKind, number][] = [
  ["refund", 0.17],
  ["billing_dispute", 0.05],
  ["ask_person", 0.08],
  ["frustrated", 0.04],
  ["out_of_scope", 0.1],
];

function hourOf(random: Random): number {
  const total = HOURLY.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let h = 0; h < 24; h++) {
    r -= HOURLY[h];
    if (r < 0) return h;
  }
  return 23;
}

type Planned = { at: number; kind?: RetailKind };

/** When each conversation starts, oldest first; incident conversations carry their kind. */
export function planStarts(now: number, random: Random): Planned[] {
  const today = Math.floor(now / DAY) * DAY;
  const planned: Planned[] = [];
  for (let daysAgo = HISTORY_DAYS - 1; daysAgo >= 0; daysAgo--) {
    const day = today - daysAgo * DAY;
    const growth = 1 + (0.15 * (HISTORY_DAYS - daysAgo)) / HISTORY_DAYS;
    const count = Math.round(BASE_PER_DAY * WEEKDAY[new Date(day).getUTCDay()] * growth * (0.92 + random() * 0.16));
    for (let i = 0; i < count; i++) planned.push({ at: day + hourOf(random) * HOUR + Math.floor(random() * HOUR) });
    for (const incident of INCIDENTS.filter((x) => x.daysAgo === daysAgo)) {
      for (let i = 0; i < incident.count; i++) {
        const at = day + incident.fromHour * HOUR + Math.floor(random() * incident.hours * HOUR);
        planned.push({ at, kind: pick(random, incident.kinds) });
      }
    }
  }
  // Nothing in the last few minutes or the future: every conversation has had time to run its first turn.
  return planned.filter((p) => p.at >= now - HISTORY_DAYS * DAY && p.at < now - 5 * 60_000).sort((a, b) => a.at - b.at);
}

function idMaker(random: Random) {
  const chars = () =>
    Math.floor(random() * 2 ** 40)
      .toString(36)
      .padStart(8, "0");
  return (at: number) => `c${at.toString(36)}${chars()}${chars()}`;
}

function retailKind(random: Random): RetailKind {
  let r = random();
  for (const [kind, share] of RETAIL_MIX) {
    r -= share;
    if (r < 0) return kind;
  }
  return "order_status";
}

export function generateHistory(context: HistoryContext, now: Date, seed = HISTORY_SEED): HistoryRows {
  const random = prng(seed);
  const newId = idMaker(random);
  const rows = emptyRows();
  const refunded = new Set<string>();
  const waiting: Waiting[] = [];
  for (const start of planStarts(now.getTime(), random)) {
    const banking = !start.kind && random() < 0.28;
    const flow = banking ? context.banking : context.retail;
    const channel = random() < 0.8 ? "web" : "api";
    const kind = banking ? null : (start.kind ?? retailKind(random));
    const before = context.orders.filter((o) => o.placedAt.getTime() < start.at);
    const placed = before.length ? before : context.orders;
    let order: HistoryOrder | null = null;
    if (kind === "refund") {
      const refundable = placed.filter(
        (o) => o.status === "delivered" && !context.reservedOrders.has(o.number) && !refunded.has(o.number),
      );
      order = refundable.length ? pick(random, refundable) : null;
      if (order) refunded.add(order.number);
    }
    const effectiveKind = kind === "refund" && !order ? "order_status" : kind;
    if (effectiveKind === "order_status" || effectiveKind === "billing_dispute") order = pick(random, placed);
    const known = order !== null || random() < 0.35;
    const customerId = order?.customerId ?? (known ? pick(random, context.customers).id : null);
    const b = new ConversationBuilder(rows, newId, {
      workspaceId: context.workspaceId,
      flow,
      channel,
      customerId,
      assistantName: context.assistantName,
      startedAt: new Date(start.at),
    });
    b.audit(
      start.at,
      { type: "customer", id: customerId, label: `${channel} customer` },
      {
        action: "conversation.started",
        resourceType: "conversation",
        resourceId: b.id,
        after: { flow: flow.slug, channel, version: 1 },
      },
    );
    const method = channel === "api" ? "api" : "signed_token";
    if (customerId) {
      b.audit(
        start.at,
        { type: "system", label: `${channel} channel` },
        {
          action: "customer.verified",
          resourceType: "conversation",
          resourceId: b.id,
          after: { level: "verified", method, customerId },
        },
      );
    }
    b.greet(String(flow.nodes.get("start")?.config.greeting ?? ""));
    b.wait(8_000 + random() * 40_000);
    const ctx: ScenarioContext = { b, random, flow, rows, newId };
    const result = runScenario(ctx, effectiveKind, order, customerId);
    const identity = {
      identityLevel: customerId ? ("verified" as const) : ("anonymous" as const),
      identityMethod: customerId ? method : null,
    };
    if (result.handoff) {
      waiting.push({ ctx, result, identity });
      continue;
    }
    const resolved = closing(ctx, now.getTime());
    b.finish({
      status: resolved ? "resolved" : result.status,
      waitingFor: resolved ? null : result.waitingFor,
      state: result.state,
      ...identity,
    });
  }
  finishHandoffs(waiting, random, context, now.getTime());
  sampleReviews(rows, random, context, now, newId);
  // One chain in the order things happened: a conversation's later entries (an approval decided hours on) interleave
  // with other conversations' entries.
  rows.audit.sort((a, b) => a.at.getTime() - b.at.getTime());
  return rows;
}

type Waiting = {
  ctx: ScenarioContext;
  result: ScenarioResult;
  identity: { identityLevel: "verified" | "anonymous"; identityMethod: string | null };
};

/**
 * What people did with the escalations and approvals, decided once every conversation is known: the newest ten to
 * sixteen escalations are still open (a few claimed) and the newest few refunds still wait for a decision, whatever
 * the hour, so the inbox of a first start always has work in it; older ones were handled.
 */
function finishHandoffs(waiting: Waiting[], random: Random, context: HistoryContext, now: number): void {
  const newestFirst = (kind: "escalation" | "approval") =>
    waiting
      .filter((w) => w.result.handoff!.kind === kind)
      .sort((a, b) => b.result.handoff!.at.getTime() - a.result.handoff!.at.getTime());
  const fates = new Map<Waiting, EscalationFate | "pending">();
  const openCount = 10 + Math.floor(random() * 7);
  newestFirst("escalation").forEach((w, i) => {
    const age = now - w.result.handoff!.at.getTime();
    fates.set(w, i < openCount ? (random() < 0.25 ? "claimed" : "open") : escalationFate(random, age));
  });
  const pendingCount = 3 + Math.floor(random() * 3);
  newestFirst("approval").forEach((w, i) => {
    if (i < pendingCount) fates.set(w, "pending");
  });
  for (const w of waiting) {
    const { ctx, result } = w;
    const handoff = result.handoff!;
    let { status, waitingFor, state } = { ...result, status: result.status as "active" | "escalated" | "resolved" };
    if (handoff.kind === "escalation") {
      const fate = fates.get(w) as EscalationFate;
      status = handleEscalation(ctx.b, ctx.rows, random, ctx.flow, handoff, context.operator, now, fate);
      waitingFor = status === "resolved" ? null : "human";
    } else if (fates.get(w) !== "pending") {
      const decision = decideApproval(ctx.b, ctx.rows, random, ctx.flow, handoff, context.operator, now);
      if (decision.decided) {
        state = { ...state, ...decision.state };
        const resolved = closing(ctx, now);
        status = resolved ? "resolved" : "active";
        waitingFor = resolved ? null : "customer";
      }
    }
    ctx.b.finish({ status, waitingFor, state, ...w.identity });
  }
}

function runScenario(
  ctx: ScenarioContext,
  kind: RetailKind | null,
  order: HistoryOrder | null,
  customerId: string | null,
): ScenarioResult {
  if (kind === null) {
    const r = ctx.random();
    return r < 0.8 ? bankingIntent(ctx) : r < 0.9 ? bankingPerson(ctx) : bankingUnclear(ctx);
  }
  switch (kind) {
    case "order_status":
      return orderStatus(ctx, order!);
    case "refund":
      return refund(ctx, order!);
    case "billing_dispute":
      return billingDispute(ctx, order!, customerId);
    case "out_of_scope":
      return outOfScope(ctx);
    default:
      return interruption(ctx, kind);
  }
}

const THANKS = ["thanks!", "great, thank you", "thank you so much", "ok thanks"];
const BYE = ["bye", "that's all, bye", "goodbye", "cheers, bye"];

/** The customer thanks the assistant, and most who do say goodbye (which ends the conversation as resolved). */
function closing(ctx: ScenarioContext, now: number): boolean {
  const { b, random, flow } = ctx;
  const active = { status: "active" as const, waitingFor: "customer" };
  if (random() < 0.45) return false;
  b.wait(10_000 + random() * 50_000);
  if (b.now > now - 60_000) return false;
  const thanks = pick(random, THANKS);
  b.event(
    "customer_message",
    { text: thanks },
    customer(ctx),
    [startCheck(random, flow, thanks, "thanks"), responseRun(random, flow, "thanks_reply")],
    active,
    thanks,
  );
  if (random() < 0.3) return false;
  b.wait(5_000 + random() * 20_000);
  if (b.now > now - 60_000) return false;
  const bye = pick(random, BYE);
  b.event(
    "customer_message",
    { text: bye },
    customer(ctx),
    [startCheck(random, flow, bye, "goodbye"), responseRun(random, flow, "goodbye_reply"), endRun(flow)],
    { status: "resolved", waitingFor: null },
    bye,
  );
  return true;
}
