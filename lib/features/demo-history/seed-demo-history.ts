// The first start's demo history: reads what the demo seed created (the two flows' live versions, the customers and
// orders, the first admin, who stands in for the team), generates 30 days of traffic and writes it in one
// transaction, then refreshes the dashboard's roll-ups. The integration tests' template database never runs this
// (prisma/seed.ts does only when the start script asks), so their demo stays empty.
import "server-only";
import { db, transactionWithSql } from "@/lib/platform/db/client";
import { refreshRollups } from "@/lib/features/dashboard/refresh-rollups";
import { generateHistory, HISTORY_DAYS, type HistoryContext } from "./generate-history";
import type { GraphNode, HistoryFlow } from "./node-runs";
import { writeHistory } from "./write-history";

/**
 * Orders the README, the demo script, the browser tests (A1014 among them) and the eval suites name: the history never
 * refunds them. Which orders it refunds depends on the hour of the first start, so an unreserved one a test uses is
 * "already fully refunded" on one run and not the next.
 */
const RESERVED_ORDERS = [...Array.from({ length: 20 }, (_, i) => `A${1001 + i}`), "A1041", "A1046", "A1120"];

type StoredGraph = {
  nodes: GraphNode[];
  edges: { id: string; source: string; sourceHandle?: string; target: string; permission?: Record<string, unknown> }[];
};

async function historyFlow(workspaceId: string, slug: string): Promise<HistoryFlow> {
  const flow = await db().flow.findUniqueOrThrow({
    where: { workspaceId_slug: { workspaceId, slug } },
    include: { publishedVersion: true },
  });
  if (!flow.publishedVersion) throw new Error(`The demo flow ${slug} has no published version.`);
  const graph = flow.publishedVersion.graph as unknown as StoredGraph;
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const routerRoutes = ((nodes.get("router")?.config.routes ?? []) as { id: string; label: string }[]).map((r) => ({
    id: r.id,
    label: r.label,
    target: graph.edges.find((e) => e.source === "router" && e.sourceHandle === r.id)?.target ?? null,
  }));
  return {
    slug,
    flowId: flow.id,
    versionId: flow.publishedVersion.id,
    labels: Object.fromEntries(graph.nodes.map((n) => [n.id, n.label])),
    nodes,
    routes: routerRoutes,
    edges: graph.edges,
  };
}

export async function loadHistoryContext(workspaceId: string): Promise<HistoryContext> {
  const workspace = await db().workspace.findUniqueOrThrow({ where: { id: workspaceId } });
  const [retail, banking, customers, orders, admin] = await Promise.all([
    historyFlow(workspaceId, "retail-support"),
    historyFlow(workspaceId, "banking-support"),
    db().customer.findMany({ where: { workspaceId }, orderBy: { ref: "asc" }, select: { id: true } }),
    db().order.findMany({
      where: { workspaceId },
      orderBy: { number: "asc" },
      include: { items: { select: { quantity: true } } },
    }),
    db().membership.findFirst({
      where: { workspaceId, role: "admin" },
      orderBy: { createdAt: "asc" },
      include: { user: true },
    }),
  ]);
  return {
    workspaceId,
    assistantName: workspace.assistantName ?? "Assistant",
    retail,
    banking,
    customers,
    orders: orders.map((o) => ({
      number: o.number,
      customerId: o.customerId,
      status: o.status,
      totalCents: o.totalCents,
      itemCount: o.items.reduce((sum, item) => sum + item.quantity, 0),
      placedAt: o.placedAt,
      deliveredAt: o.deliveredAt,
      carrier: o.carrier,
      trackingNumber: o.trackingNumber,
    })),
    reservedOrders: new Set(RESERVED_ORDERS),
    operator: admin ? { id: admin.user.id, email: admin.user.email, name: admin.user.name } : null,
  };
}

export type DemoHistoryResult = { conversations: number; days: number; seconds: number };

export async function seedDemoHistory(workspaceId: string, now = new Date()): Promise<DemoHistoryResult> {
  const started = performance.now();
  const context = await loadHistoryContext(workspaceId);
  const rows = generateHistory(context, now);
  const since = new Date(now.getTime() - (HISTORY_DAYS + 1) * 86_400_000);
  await transactionWithSql(
    async (tx) => {
      // The flows and customers the history's conversations use existed before the first of them.
      await tx.flowVersion.updateMany({ where: { flow: { workspaceId } }, data: { createdAt: since } });
      await tx.flow.updateMany({ where: { workspaceId }, data: { createdAt: since, draftUpdatedAt: since } });
      await tx.customer.updateMany({ where: { workspaceId }, data: { createdAt: since } });
      await writeHistory(tx, workspaceId, rows);
    },
    { timeout: 300_000, maxWait: 10_000 },
  );
  await refreshRollups({ full: true });
  return {
    conversations: rows.conversations.length,
    days: HISTORY_DAYS,
    seconds: (performance.now() - started) / 1000,
  };
}
