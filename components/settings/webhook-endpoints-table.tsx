// The workspace's webhook endpoints: kind, URL, what each receives, whether it is on, and how its latest delivery went.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { WEBHOOK_KIND_LABELS, type WebhookEndpointKind } from "@/lib/features/settings/webhooks/endpoint-schema";

export type WebhookEndpointRow = {
  id: string;
  kind: WebhookEndpointKind;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  lastDelivery: { status: string; event: string; createdAt: string; lastResponseStatus: number | null } | null;
  failedCount: number;
};

const DELIVERY_TONE = { succeeded: "green", pending: "amber", failed: "red" } as const;
const DELIVERY_LABEL = { succeeded: "delivered", pending: "pending", failed: "failed" } as const;

export function WebhookEndpointsTable({ endpoints }: { endpoints: WebhookEndpointRow[] }) {
  return (
    <Table caption="Webhook endpoints">
      <THead>
        <Th>Name</Th>
        <Th>Kind</Th>
        <Th>URL</Th>
        <Th>Receives</Th>
        <Th>Status</Th>
        <Th>Latest delivery</Th>
      </THead>
      <TBody>
        {endpoints.map((endpoint) => (
          <tr key={endpoint.id} data-testid="webhook-endpoint-row" data-name={endpoint.name}>
            <Td className="font-medium">
              <Link href={`/settings/webhooks/${endpoint.id}`} className={linkClass}>
                {endpoint.name}
              </Link>
            </Td>
            <Td>{WEBHOOK_KIND_LABELS[endpoint.kind]}</Td>
            <Td className="max-w-72 truncate font-mono text-xs" title={endpoint.url}>
              {endpoint.url}
            </Td>
            <Td className="text-xs">
              {endpoint.kind === "handoff"
                ? "Handoffs (escalation.handoff)"
                : endpoint.events.length === 1
                  ? endpoint.events[0]
                  : `${endpoint.events.length} events`}
            </Td>
            <Td>
              {endpoint.active ? (
                <Badge tone="green" dot>
                  active
                </Badge>
              ) : (
                <Badge tone="neutral">disabled</Badge>
              )}
            </Td>
            <Td className="whitespace-nowrap text-xs">
              {endpoint.lastDelivery ? (
                <span className="flex flex-wrap items-center gap-1.5">
                  <Badge tone={DELIVERY_TONE[endpoint.lastDelivery.status as keyof typeof DELIVERY_TONE] ?? "neutral"}>
                    {DELIVERY_LABEL[endpoint.lastDelivery.status as keyof typeof DELIVERY_LABEL] ??
                      endpoint.lastDelivery.status}
                  </Badge>
                  <span className="font-mono">{endpoint.lastDelivery.event}</span>
                  <Time value={endpoint.lastDelivery.createdAt} mode="relative" />
                </span>
              ) : (
                <span className="text-slate-500">none yet</span>
              )}
              {endpoint.failedCount > 0 ? (
                <div className="mt-0.5 text-rose-700">{endpoint.failedCount} failed</div>
              ) : null}
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
