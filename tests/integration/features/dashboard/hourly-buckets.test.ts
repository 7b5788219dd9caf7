// Ranges up to two days are bucketed by hour (the last hour by five minutes), rolled up from the raw rows on the spot:
// known conversations at known times, then every bucket, card, change and sparkline asserted against them.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { loadDashboardData } from "@/lib/features/dashboard/load-dashboard";
import { parseKpiFilters } from "@/lib/features/dashboard/filters";
import { listDrillConversations } from "@/lib/features/dashboard/drill-down";
import { seedWorkspace } from "@/tests/support/factories";

// A fixed "now" in the past: the 24 hours are 2026-11-09T13:00 → 2026-11-10T13:00, the previous 24 the day before.
const NOW = new Date("2026-11-10T12:20:00Z");
let ws: string;
let flowId: string;

async function conversation(o: {
  startedAt: string;
  status?: "resolved" | "active";
  channel?: string;
  escalated?: boolean;
}) {
  const startedAt = new Date(o.startedAt);
  const c = await db().conversation.create({
    data: {
      workspaceId: ws,
      flowId,
      flowVersionId: (await db().flowVersion.findFirstOrThrow({ where: { flowId } })).id,
      channel: o.channel ?? "web",
      status: o.status ?? "active",
      startedAt,
      endedAt: o.status === "resolved" ? new Date(startedAt.getTime() + 120_000) : null,
    },
  });
  if (o.escalated)
    await db().escalation.create({
      data: {
        workspaceId: ws,
        conversationId: c.id,
        status: "open",
        reason: "asked for a person",
        createdAt: new Date(startedAt.getTime() + 60_000),
        slaDueAt: new Date(startedAt.getTime() + 16 * 60_000),
      },
    });
  return c.id;
}

beforeAll(async () => {
  ws = (await seedWorkspace()).workspace.id;
  const graph = { nodes: [{ id: "agent_a", kind: "agent", label: "Triage" }], edges: [] };
  const flow = await db().flow.create({ data: { workspaceId: ws, slug: "hourly", name: "Hourly flow", draft: graph } });
  flowId = flow.id;
  await db().flowVersion.create({ data: { flowId, number: 1, graph } });
  // The current 24 hours: two in the 09:00 hour (one resolved, one escalated), one in the 12:00 hour (resolved),
  // and a designer test run that never counts.
  await conversation({ startedAt: "2026-11-10T09:05:00Z", status: "resolved" });
  await conversation({ startedAt: "2026-11-10T09:40:00Z", escalated: true });
  await conversation({ startedAt: "2026-11-10T12:10:00Z", status: "resolved" });
  await conversation({ startedAt: "2026-11-10T12:11:00Z", channel: "test", status: "resolved" });
  // The previous 24 hours: four, none resolved. Before both periods: one that must not count anywhere.
  for (const t of ["05:00", "06:00", "07:00", "08:00"]) await conversation({ startedAt: `2026-11-09T${t}:00Z` });
  await conversation({ startedAt: "2026-11-08T11:00:00Z", status: "resolved" });
});

describe("the last 24 hours, by hour", () => {
  it("counts every hour bucket from the raw rows", async () => {
    const data = await loadDashboardData(ws, parseKpiFilters({ range: "24h" }, NOW), undefined, NOW);
    expect(data.bucket).toBe("hour");
    expect(data.activity).toHaveLength(24);
    expect(data.activity[0].at).toBe("2026-11-09T13:00:00.000Z");
    const busy = data.activity.filter((p) => p.started > 0);
    expect(busy).toEqual([
      expect.objectContaining({
        at: "2026-11-10T09:00:00.000Z",
        label: "09:00",
        started: 2,
        resolved: 1,
        escalated: 1,
      }),
      expect.objectContaining({
        at: "2026-11-10T12:00:00.000Z",
        label: "12:00",
        started: 1,
        resolved: 1,
        escalated: 0,
      }),
    ]);
  });

  it("shows the cards' values, their change against the previous 24 hours and a sparkline per hour", async () => {
    const data = await loadDashboardData(ws, parseKpiFilters({ range: "24h" }, NOW), undefined, NOW);
    const card = (key: string) => data.cards.find((c) => c.key === key)!;
    expect(data.started).toBe(3);
    expect(card("conversations")).toMatchObject({ value: "3", delta: { text: "−25%", direction: "down" } });
    expect(card("resolved_rate")).toMatchObject({ value: "67%", delta: { text: "+67 pts", tone: "good" } });
    expect(card("escalation_rate").value).toBe("33%");
    const trend = card("conversations").trend!.points;
    expect(trend).toHaveLength(24);
    expect(trend.reduce((s, n) => s! + n!, 0)).toBe(3);
    expect(trend[20]).toBe(2); // 09:00 is the 21st hour from 13:00
  });

  it("filters by channel inside the window", async () => {
    const data = await loadDashboardData(ws, parseKpiFilters({ range: "24h", channel: "api" }, NOW), undefined, NOW);
    expect(data.started).toBe(0);
  });

  it("buckets the last hour by five minutes", async () => {
    const data = await loadDashboardData(ws, parseKpiFilters({ range: "1h" }, NOW), undefined, NOW);
    expect(data.bucket).toBe("5m");
    expect(data.activity).toHaveLength(12);
    expect(data.activity.filter((p) => p.started > 0)).toEqual([
      expect.objectContaining({ at: "2026-11-10T12:10:00.000Z", started: 1 }),
    ]);
  });

  it("gives a custom single day the same hourly figures", async () => {
    const data = await loadDashboardData(
      ws,
      parseKpiFilters({ from: "2026-11-10", to: "2026-11-10" }, NOW),
      undefined,
      NOW,
    );
    expect(data.bucket).toBe("hour");
    expect(data.activity).toHaveLength(24);
    expect(data.activity[9]).toMatchObject({ started: 2, resolved: 1 });
    expect(data.started).toBe(3);
  });

  it("lists the conversations behind an hour bar and behind a card of the 24 hours", async () => {
    const f = parseKpiFilters({ range: "24h" }, NOW);
    const hour = { kind: "window" as const, since: "2026-11-10T09:00:00.000Z", until: "2026-11-10T10:00:00.000Z" };
    expect((await listDrillConversations(ws, f, hour, 1, NOW)).rows).toHaveLength(2);
    // All of the 24 hours (not the days they touch: the 2026-11-09 morning is the previous period).
    expect((await listDrillConversations(ws, f, null, 1, NOW)).rows).toHaveLength(3);
    expect((await listDrillConversations(ws, f, { kind: "outcome", outcome: "escalated" }, 1, NOW)).rows).toHaveLength(
      1,
    );
  });
});
