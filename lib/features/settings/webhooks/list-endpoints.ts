// Loaders for Settings → Webhooks: the workspace's endpoints with their latest delivery, and one endpoint with its
// recent delivery log. Always scoped by workspace (another workspace's endpoint is simply not found).
import "server-only";
import { db } from "@/lib/platform/db/client";
import type { WebhookEndpointKind } from "./endpoint-schema";
import type { DeliveryRow } from "./prepare-delivery-log";

export const DELIVERY_LOG_LIMIT = 100;

export type EndpointSummary = {
  id: string;
  kind: WebhookEndpointKind;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  secretPrefix: string;
  createdAt: Date;
  lastDelivery: { status: string; event: string; createdAt: Date; lastResponseStatus: number | null } | null;
  failedCount: number;
};

/** What both loaders show of an endpoint (never its secret, only the prefix that tells secrets apart). */
const ENDPOINT_FIELDS = {
  id: true,
  kind: true,
  name: true,
  url: true,
  events: true,
  active: true,
  secretPrefix: true,
  createdAt: true,
} as const;

export async function listWebhookEndpoints(workspaceId: string): Promise<EndpointSummary[]> {
  const endpoints = await db().webhookEndpoint.findMany({
    where: { workspaceId },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
    select: {
      ...ENDPOINT_FIELDS,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { status: true, event: true, createdAt: true, lastResponseStatus: true },
      },
    },
  });
  const failed = await db().webhookDelivery.groupBy({
    by: ["endpointId"],
    where: { workspaceId, status: "failed" },
    _count: { _all: true },
  });
  const failedBy = new Map(failed.map((row) => [row.endpointId, row._count._all]));
  return endpoints.map(({ deliveries, ...endpoint }) => ({
    ...endpoint,
    lastDelivery: deliveries[0] ?? null,
    failedCount: failedBy.get(endpoint.id) ?? 0,
  }));
}

export type EndpointDetail = Omit<EndpointSummary, "lastDelivery" | "failedCount"> & {
  createdBy: string | null;
  deliveries: DeliveryRow[];
};

export async function getWebhookEndpoint(workspaceId: string, endpointId: string): Promise<EndpointDetail | null> {
  const endpoint = await db().webhookEndpoint.findFirst({
    where: { id: endpointId, workspaceId },
    select: {
      ...ENDPOINT_FIELDS,
      createdById: true,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: DELIVERY_LOG_LIMIT,
        select: {
          id: true,
          event: true,
          status: true,
          attempts: true,
          nextAttemptAt: true,
          lastAttemptAt: true,
          lastResponseStatus: true,
          lastError: true,
          replayOfId: true,
          createdAt: true,
          deliveredAt: true,
          payload: true,
          attemptLog: {
            orderBy: { number: "asc" },
            select: { number: true, at: true, durationMs: true, responseStatus: true, responseBody: true, error: true },
          },
        },
      },
    },
  });
  if (!endpoint) return null;
  const { createdById, ...rest } = endpoint;
  const creator = createdById
    ? await db().user.findUnique({ where: { id: createdById }, select: { name: true, email: true } })
    : null;
  return { ...rest, createdBy: creator ? creator.name || creator.email : null };
}
