// The KPI roll-ups and dashboard queries against a real Postgres: a handful of conversations with known outcomes,
// written as the engine writes them (steps, spans, escalations, reviews), rolled up, then every figure asserted
// exactly — with filters, a version comparison, drill-down lists and workspace isolation.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { listDrillConversations } from "@/lib/features/dashboard/drill-down";
import { histogramPercentile } from "@/lib/features/dashboard/histogram";
import { loadKpiValues, loadVersionCompare } from "@/lib/features/dashboard/load-dashboard";
import { loadModelUsage, loadNodeLatency, type KpiTotals } from "@/lib/features/dashboard/queries";
import { refreshRollups } from "@/lib/features/dashboard/refresh-rollups";
import { loadKpiSeries } from "@/lib/features/dashboard/kpi-series-query";
import { daysOf } from "@/lib/features/dashboard/queries";
import { storedRollups } from "@/lib/features/dashboard/rollup-source";
import type { KpiFilters } from "@/lib/features/dashboard/filters";
import { seedWorkspace } from "@/tests/support/factories";

const DAY1 = "2026-11-10";
const DAY2 = "2026-11-11";
const at = (day: string, time: string) => new Date(`${day}T${time}Z`);
const range: KpiFilters = { from: DAY1, to: DAY2, flowId: null, versionId: null, channel: null };

let wsA: string;
let wsB: string;
let flowId: string;
let v1: string;
let v2: string;
const ids = { resolvedBot: "", resolvedHuman: "", abandoned: "", testRun: "", otherWorkspace: "" };

async function makeFlow(workspaceId: string, slug: string) {
  const graph = {
    nodes: [
      { id: "agent_a", kind: "agent", label: "Triage agent" },
      { id: "agent_b", kind: "agent", label: "Refunds agent" },
    ],
    edges: [],
  };
  const flow = await db().flow.create({ data: { workspaceId, slug, name: `Flow ${slug}`, draft: graph } });
  const a = await db().flowVersion.create({ data: { flowId: flow.id, number: 1, graph } });
  const b = await db().flowVersion.create({ data: { flowId: flow.id, number: 2, graph } });
  return { flowId: flow.id, v1: a.id, v2: b.id };
}

async function makeConversation(o: {
  workspaceId: string;
  flowId: string;
  versionId: string;
  channel: string;
  status: "resolved" | "abandoned" | "active";
  startedAt: Date;
  durationS?: number;
  customerId?: string;
  intent?: string;
}) {
  const c = await db().conversation.create({
    data: {
      workspaceId: o.workspaceId,
      flowId: o.flowId,
      flowVersionId: o.versionId,
      channel: o.channel,
      status: o.status,
      customerId: o.customerId,
      state: o.intent ? { intent: { id: o.intent, label: o.intent, confidence: 0.9 } } : {},
      startedAt: o.startedAt,
      endedAt: o.durationS === undefined ? null : new Date(o.startedAt.getTime() + o.durationS * 1000),
    },
  });
  return c.id;
}

async function agentSteps(conversationId: string, startedAt: Date, second: { askedFor: string | null }) {
  const step = (seq: number, nodeId: string, ms: number, output: object) => ({
    id: `${conversationId}:${seq}`,
    conversationId,
    turn: 1,
    seq,
    nodeId,
    nodeKind: "agent",
    status: "completed" as const,
    output,
    startedAt: new Date(startedAt.getTime() + seq * 1000),
    endedAt: new Date(startedAt.getTime() + seq * 1000 + ms),
  });
  await db().step.createMany({
    data: [
      step(1, "agent_a", 100, { handoff: { known: [], extracted: ["order_number"], askedFor: null } }),
      step(2, "agent_b", 400, {
        handoff: { known: second.askedFor ? [] : ["order_number"], extracted: [], askedFor: second.askedFor },
      }),
    ],
  });
}

async function span(
  workspaceId: string,
  conversationId: string,
  n: number,
  data: {
    kind: string;
    name: string;
    status: string;
    durationMs: number;
    tokensIn?: number;
    tokensOut?: number;
    costUsd?: number;
  },
) {
  await db().span.create({
    data: { id: `${conversationId}:sp${n}`, workspaceId, conversationId, startedAt: new Date(), ...data },
  });
}

beforeAll(async () => {
  const a = await seedWorkspace();
  const b = await seedWorkspace();
  wsA = a.workspace.id;
  wsB = b.workspace.id;
  ({ flowId, v1, v2 } = await makeFlow(wsA, "kpi"));
  const other = await makeFlow(wsB, "kpi-b");
  const c1 = await db().customer.create({
    data: { workspaceId: wsA, ref: "K-1", name: "Kim", email: "kim@example.test" },
  });
  const c2 = await db().customer.create({
    data: { workspaceId: wsA, ref: "K-2", name: "Lee", email: "lee@example.test" },
  });

  // 1. Resolved by the flow alone in 60 s; a clean handoff; a tool call that worked; one LLM call.
  ids.resolvedBot = await makeConversation({
    workspaceId: wsA,
    flowId,
    versionId: v1,
    channel: "web",
    status: "resolved",
    startedAt: at(DAY1, "10:00:00"),
    durationS: 60,
    customerId: c1.id,
    intent: "order_status",
  });
  await agentSteps(ids.resolvedBot, at(DAY1, "10:00:00"), { askedFor: null });
  await span(wsA, ids.resolvedBot, 1, { kind: "tool", name: "order_status", status: "ok", durationMs: 30 });
  await span(wsA, ids.resolvedBot, 2, {
    kind: "llm",
    name: "model-one",
    status: "ok",
    durationMs: 500,
    tokensIn: 100,
    tokensOut: 20,
    costUsd: 0.01,
  });

  // 2. Same customer, same intent an hour later (a recontact); escalated, answered after 2 minutes, resolved after
  //    10 minutes; the receiving agent asked again for the order number; its tool call failed.
  ids.resolvedHuman = await makeConversation({
    workspaceId: wsA,
    flowId,
    versionId: v1,
    channel: "web",
    status: "resolved",
    startedAt: at(DAY1, "11:00:00"),
    durationS: 600,
    customerId: c1.id,
    intent: "order_status",
  });
  await agentSteps(ids.resolvedHuman, at(DAY1, "11:00:00"), { askedFor: "order_number" });
  await span(wsA, ids.resolvedHuman, 1, { kind: "tool", name: "order_status", status: "error", durationMs: 30 });
  await db().escalation.create({
    data: {
      workspaceId: wsA,
      conversationId: ids.resolvedHuman,
      status: "resolved",
      reason: "asked for a person",
      createdAt: at(DAY1, "11:01:00"),
      firstResponseAt: at(DAY1, "11:03:00"),
      slaDueAt: at(DAY1, "11:16:00"),
      resolvedAt: at(DAY1, "11:10:00"),
    },
  });

  // 3. Another customer, API, version 2, the next day: escalated, nobody answered in time, abandoned.
  ids.abandoned = await makeConversation({
    workspaceId: wsA,
    flowId,
    versionId: v2,
    channel: "api",
    status: "abandoned",
    startedAt: at(DAY2, "09:00:00"),
    durationS: 30,
    customerId: c2.id,
    intent: "refund",
  });
  await db().escalation.create({
    data: {
      workspaceId: wsA,
      conversationId: ids.abandoned,
      status: "open",
      reason: "low confidence",
      createdAt: at(DAY2, "09:00:10"),
      slaDueAt: at(DAY2, "09:15:10"),
      slaBreachedAt: at(DAY2, "09:15:10"),
    },
  });

  // Never counted: a designer test run, and another workspace's conversation.
  ids.testRun = await makeConversation({
    workspaceId: wsA,
    flowId,
    versionId: v1,
    channel: "test",
    status: "resolved",
    startedAt: at(DAY1, "12:00:00"),
    durationS: 5,
  });
  ids.otherWorkspace = await makeConversation({
    workspaceId: wsB,
    flowId: other.flowId,
    versionId: other.v1,
    channel: "web",
    status: "resolved",
    startedAt: at(DAY1, "12:00:00"),
    durationS: 5,
  });

  // Two reviewed routing decisions on version 1: one right, one wrong.
  const reviewer = a.user;
  for (const [conversationId, verdict] of [
    [ids.resolvedBot, "correct"],
    [ids.resolvedHuman, "incorrect"],
  ] as const) {
    await db().routingReview.create({
      data: {
        workspaceId: wsA,
        conversationId,
        stepId: `${conversationId}:1`,
        nodeId: "router",
        flowId,
        flowVersionId: v1,
        channel: "web",
        predicted: "order_status",
        verdict,
        reviewerId: reviewer.id,
        createdAt: at(DAY1, "15:00:00"),
      },
    });
  }
  await refreshRollups({ full: true });
});

describe("KPI roll-ups", () => {
  it("computes every KPI exactly", async () => {
    const { totals, values } = await loadKpiValues(wsA, range);
    expect(totals).toMatchObject<Partial<KpiTotals>>({
      started: 3,
      resolved: 2,
      contained: 1,
      escalated: 2,
      abandoned: 1,
      handoffs: 2,
      handoffsAskedAgain: 1,
      recontactEligible: 3,
      recontacts: 1,
      toolCalls: 2,
      toolCallsOk: 1,
      escalations: 2,
      escalationsAnswered: 1,
      slaBreaches: 1,
    });
    expect(values.resolved_rate).toBeCloseTo(2 / 3);
    expect(values.containment).toBeCloseTo(1 / 3);
    expect(values.escalation_rate).toBeCloseTo(2 / 3);
    expect(values.handoff_success).toBe(0.5);
    expect(values.routing_accuracy).toBe(0.5);
    expect(values.tool_success).toBe(0.5);
    expect(values.recontact_rate).toBeCloseTo(1 / 3);
    expect(values.ttr_bot.n).toBe(1);
    expect(values.ttr_human.n).toBe(1);
    // 60 s and 10 min read back within the histogram's error.
    expect(Math.abs(values.ttr_bot.p50! - 60_000) / 60_000).toBeLessThan(0.1);
    expect(Math.abs(values.ttr_human.p95! - 600_000) / 600_000).toBeLessThan(0.1);
    expect(Math.abs(values.first_response.p50! - 120_000) / 120_000).toBeLessThan(0.1);
  });

  it("applies the flow, version, channel and date filters", async () => {
    expect((await loadKpiValues(wsA, { ...range, channel: "api" })).totals.started).toBe(1);
    expect((await loadKpiValues(wsA, { ...range, flowId, versionId: v1 })).totals.started).toBe(2);
    expect((await loadKpiValues(wsA, { ...range, from: DAY2 })).totals.started).toBe(1);
    expect((await loadKpiValues(wsA, { ...range, flowId: "no-such-flow" })).totals.started).toBe(0);
    const v1Only = await loadKpiValues(wsA, { ...range, flowId, versionId: v2 });
    expect(v1Only.values.routing_accuracy).toBeNull();
  });

  it("breaks figures down by day, node and model", async () => {
    const series = await loadKpiSeries(wsA, range, storedRollups(), daysOf(range));
    expect(
      [...series].map(([t, x]) => ({ t, started: x.started, resolved: x.resolved, escalated: x.escalated })),
    ).toEqual([
      { t: `${DAY1}T00:00:00.000Z`, started: 2, resolved: 2, escalated: 1 },
      { t: `${DAY2}T00:00:00.000Z`, started: 1, resolved: 0, escalated: 1 },
    ]);
    const nodes = await loadNodeLatency(wsA, range);
    expect(nodes.map((n) => [n.nodeId, n.steps]).sort()).toEqual([
      ["agent_a", 2],
      ["agent_b", 2],
    ]);
    const agentB = nodes.find((n) => n.nodeId === "agent_b")!;
    expect(Math.abs(histogramPercentile(agentB.hist, 0.5)! - 400) / 400).toBeLessThan(0.1);
    const models = await loadModelUsage(wsA, range);
    expect(models).toMatchObject([
      { model: "model-one", calls: 1, errors: 0, tokensIn: 100, tokensOut: 20, costUsd: 0.01 },
    ]);
    expect(Math.abs(histogramPercentile(models[0].hist, 0.95)! - 500) / 500).toBeLessThan(0.1);
  });

  it("compares two versions side by side", async () => {
    const rows = await loadVersionCompare(wsA, { ...range, flowId }, v1, v2);
    expect(rows.find((r) => r.key === "conversations")).toMatchObject({ a: "2", b: "1" });
    expect(rows.find((r) => r.key === "resolved_rate")).toMatchObject({
      a: "100%",
      b: "0%",
      delta: { text: "−100 pts", tone: "bad" },
    });
  });

  it("never shows another workspace's figures", async () => {
    const b = await loadKpiValues(wsB, range);
    expect(b.totals.started).toBe(1);
    expect(b.values.routing_accuracy).toBeNull();
  });

  it("refreshes incrementally: a changed conversation moves the figures, an unchanged minute does nothing", async () => {
    await db().conversation.update({ where: { id: ids.abandoned }, data: { status: "resolved" } });
    const result = await refreshRollups();
    expect(result.full).toBe(false);
    expect(result.days).toBeGreaterThan(0);
    const { totals } = await loadKpiValues(wsA, range);
    expect(totals.resolved).toBe(3);
    expect(totals.contained).toBe(1);
    expect(totals.started).toBe(3);
    // A page view right after a refresh does not refresh again.
    expect((await refreshRollups({ ifOlderThanMs: 60_000 })).refreshed).toBe(false);
    await db().conversation.update({ where: { id: ids.abandoned }, data: { status: "abandoned" } });
    await refreshRollups();
  });
});

describe("drill-down", () => {
  it("lists the conversations behind a day, newest first, without test runs or other workspaces", async () => {
    const list = await listDrillConversations(wsA, range, { kind: "day", day: DAY1 });
    expect(list.rows.map((r) => r.id)).toEqual([ids.resolvedHuman, ids.resolvedBot]);
    expect(list.hasMore).toBe(false);
    expect(list.rows[0]).toMatchObject({ flowName: "Flow kpi", versionNumber: 1, customerName: "Kim", escalations: 1 });
  });

  it("lists by outcome, node and model, with the filters", async () => {
    const ids_ = async (drill: Parameters<typeof listDrillConversations>[2], f = range) =>
      (await listDrillConversations(wsA, f, drill)).rows.map((r) => r.id).sort();
    expect(await ids_({ kind: "outcome", outcome: "escalated" })).toEqual([ids.resolvedHuman, ids.abandoned].sort());
    expect(await ids_({ kind: "outcome", outcome: "contained" })).toEqual([ids.resolvedBot]);
    expect(await ids_({ kind: "outcome", outcome: "sla_breached" })).toEqual([ids.abandoned]);
    expect(await ids_({ kind: "node", nodeId: "agent_b" })).toEqual([ids.resolvedBot, ids.resolvedHuman].sort());
    expect(await ids_({ kind: "model", model: "model-one" })).toEqual([ids.resolvedBot]);
    expect(await ids_({ kind: "outcome", outcome: "escalated" }, { ...range, channel: "web" })).toEqual([
      ids.resolvedHuman,
    ]);
  });

  it("keeps workspaces apart", async () => {
    const b = await listDrillConversations(wsB, range, null);
    expect(b.rows.map((r) => r.id)).toEqual([ids.otherWorkspace]);
    const aWithBsFlow = await listDrillConversations(
      wsA,
      {
        ...range,
        flowId: b.rows[0]
          ? (await db().conversation.findUniqueOrThrow({ where: { id: ids.otherWorkspace } })).flowId
          : null,
      },
      null,
    );
    expect(aWithBsFlow.rows).toEqual([]);
  });
});
