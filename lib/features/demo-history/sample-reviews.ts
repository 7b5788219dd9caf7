// The review work of the demo history: each morning a reviewer samples a few of the conversations that ended the day
// before into the annotation queue and answers most of them (today's batch still waits); some of the router's
// decisions they looked at get a verdict (a few wrong). As lib/features/reviews/ writes and audits them.
import type { HistoryRows, StepRow } from "./history-rows";
import type { Operator } from "./human-handling";
import type { Random } from "./node-runs";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const PER_DAY = 4;

export function sampleReviews(
  rows: HistoryRows,
  random: Random,
  context: { workspaceId: string; operator: Operator | null },
  now: Date,
  newId: (at: number) => string,
): void {
  const reviewer = context.operator;
  if (!reviewer) return;
  const actor = { type: "user" as const, id: reviewer.id, label: reviewer.email };
  const routerStep = new Map<string, StepRow>();
  for (const step of rows.steps)
    if (step.nodeKind === "router" && !routerStep.has(step.conversationId)) routerStep.set(step.conversationId, step);
  const byDay = new Map<number, typeof rows.conversations>();
  for (const c of rows.conversations) {
    if (!c.endedAt && c.status !== "escalated") continue;
    const day = Math.floor(c.startedAt.getTime() / DAY);
    byDay.set(day, [...(byDay.get(day) ?? []), c]);
  }
  const today = Math.floor(now.getTime() / DAY);
  for (const [day, conversations] of [...byDay].sort((a, b) => a[0] - b[0])) {
    const sampledAt = (day + 1) * DAY + 9 * HOUR + random() * HOUR;
    if (sampledAt > now.getTime() - HOUR || day >= today) continue;
    const chosen = conversations
      .map((c) => ({ c, k: random() }))
      .sort((a, b) => a.k - b.k)
      .slice(0, PER_DAY)
      .map((x) => x.c);
    rows.audit.push({
      workspaceId: context.workspaceId,
      actor,
      at: new Date(sampledAt),
      action: "review_item.sampled",
      resourceType: "review_item",
      resourceId: null,
      metadata: { requested: PER_DAY, sampled: chosen.length, flowId: null, conversationIds: chosen.map((c) => c.id) },
    });
    const fresh = sampledAt > now.getTime() - 1.2 * DAY;
    for (const c of chosen) {
      const item = {
        id: newId(sampledAt),
        workspaceId: context.workspaceId,
        conversationId: c.id,
        flowId: c.flowId,
        flowVersionId: c.flowVersionId,
        channel: c.channel,
        status: "pending" as "pending" | "done",
        routeCorrect: null as boolean | null,
        resolved: null as boolean | null,
        guardrailCorrect: null as boolean | null,
        note: null as string | null,
        reviewerId: null as string | null,
        sampledAt: new Date(sampledAt),
        reviewedAt: null as Date | null,
      };
      rows.reviewItems.push(item);
      if (fresh || random() < 0.1) continue;
      const reviewedAt = sampledAt + random() * 6 * HOUR;
      const routeCorrect = random() < 0.9;
      const after = {
        status: "done",
        routeCorrect,
        resolved: c.status === "resolved",
        guardrailCorrect: true,
        note: routeCorrect ? null : "The customer wanted something else; the router missed it.",
      };
      Object.assign(item, after, { status: "done", reviewerId: reviewer.id, reviewedAt: new Date(reviewedAt) });
      rows.audit.push({
        workspaceId: context.workspaceId,
        actor,
        at: new Date(reviewedAt),
        action: "review_item.answered",
        resourceType: "review_item",
        resourceId: item.id,
        before: { status: "pending", routeCorrect: null, resolved: null, guardrailCorrect: null, note: null },
        after,
        metadata: { conversationId: c.id },
      });
      const step = routerStep.get(c.id);
      const decision = (step?.output as { decision?: { chosen?: unknown; candidates?: { intent: string }[] } })
        ?.decision;
      if (!step || typeof decision?.chosen !== "string") continue;
      const predicted = decision.chosen;
      const expected = routeCorrect ? null : (decision.candidates?.find((x) => x.intent !== predicted)?.intent ?? null);
      const verdict = routeCorrect || !expected ? "correct" : "incorrect";
      const review = {
        verdict,
        predicted,
        expected: verdict === "correct" ? null : expected,
        note: null,
        reviewerId: reviewer.id,
      };
      rows.routingReviews.push({
        id: newId(reviewedAt),
        workspaceId: context.workspaceId,
        conversationId: c.id,
        stepId: step.id,
        nodeId: step.nodeId,
        flowId: c.flowId,
        flowVersionId: c.flowVersionId,
        channel: c.channel,
        ...review,
        verdict,
        createdAt: new Date(reviewedAt + 1000),
        updatedAt: new Date(reviewedAt + 1000),
      });
      rows.audit.push({
        workspaceId: context.workspaceId,
        actor,
        at: new Date(reviewedAt + 1000),
        action: "routing.reviewed",
        resourceType: "routing_review",
        resourceId: step.id,
        before: null,
        after: review,
        metadata: { conversationId: c.id },
      });
    }
  }
}
