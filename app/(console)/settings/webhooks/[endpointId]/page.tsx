import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Inbox } from "lucide-react";
import { WebhookDeliveryLog } from "@/components/settings/webhook-delivery-log";
import { WebhookEndpointControls } from "@/components/settings/webhook-endpoint-controls";
import { WebhookEndpointForm } from "@/components/settings/webhook-endpoint-form";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { maskedUrl } from "@/lib/features/settings/webhooks/display-url";
import { WEBHOOK_KIND_LABELS } from "@/lib/features/settings/webhooks/endpoint-schema";
import { HANDOFF_EVENT } from "@/lib/runtime/webhooks/event-types";
import { DELIVERY_LOG_LIMIT, getWebhookEndpoint } from "@/lib/features/settings/webhooks/list-endpoints";
import { prepareDelivery, summarizeDeliveries } from "@/lib/features/settings/webhooks/prepare-delivery-log";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function WebhookEndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const { endpointId } = await params;
  const member = await requirePageMember("settings.read", `/settings/webhooks/${endpointId}`);
  const endpoint = await getWebhookEndpoint(member.workspaceId, endpointId);
  if (!endpoint) notFound();
  const canManage = can(member.role, "settings.manage");
  const deliveries = endpoint.deliveries.map(prepareDelivery);
  const counts = summarizeDeliveries(deliveries);

  return (
    <>
      <PageHeader
        eyebrow={
          <span className="flex items-center gap-1.5">
            <Link href="/settings" className={linkClass}>
              Settings
            </Link>
            <span aria-hidden>/</span>
            <Link href="/settings/webhooks" className={linkClass}>
              Webhooks
            </Link>
          </span>
        }
        title={
          <span className="flex flex-wrap items-center gap-2">
            {endpoint.name}
            {endpoint.active ? (
              <Badge tone="green" dot data-testid="webhook-status">
                active
              </Badge>
            ) : (
              <Badge tone="neutral" data-testid="webhook-status">
                disabled
              </Badge>
            )}
          </span>
        }
        description={WEBHOOK_KIND_LABELS[endpoint.kind]}
      />
      <div className="space-y-6">
        <Card aria-labelledby="webhook-endpoint-heading">
          <CardHeader
            id="webhook-endpoint-heading"
            title="Endpoint"
            actions={
              canManage ? (
                <WebhookEndpointControls endpoint={{ id: endpoint.id, name: endpoint.name, active: endpoint.active }} />
              ) : undefined
            }
          />
          <dl className="grid gap-4 px-4 py-4 sm:grid-cols-2 lg:grid-cols-4">
            <div className="sm:col-span-2">
              <dt className="text-xs font-medium text-slate-500">URL</dt>
              <dd
                className="mt-0.5 break-all font-mono text-sm text-slate-900"
                title={canManage ? undefined : "Only admins see the whole URL: it may carry a credential."}
              >
                {canManage ? endpoint.url : maskedUrl(endpoint.url)}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-500">Signing secret</dt>
              <dd
                className="mt-0.5 font-mono text-sm text-slate-900"
                title="Only the start is kept in view; the secret was shown once."
              >
                {endpoint.secretPrefix}…
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-500">Added</dt>
              <dd className="mt-0.5 text-sm text-slate-900">
                <Time value={endpoint.createdAt} />
                {endpoint.createdBy ? <span className="text-slate-500"> by {endpoint.createdBy}</span> : null}
              </dd>
            </div>
            <div className="sm:col-span-2 lg:col-span-4">
              <dt className="text-xs font-medium text-slate-500">Receives</dt>
              <dd className="mt-1 flex flex-wrap gap-1.5">
                {(endpoint.kind === "handoff" ? [HANDOFF_EVENT] : endpoint.events).map((name) => (
                  <Badge key={name} tone="indigo" className="font-mono">
                    {name}
                  </Badge>
                ))}
              </dd>
            </div>
          </dl>
        </Card>

        {canManage ? (
          <Card aria-labelledby="webhook-edit-heading">
            <CardHeader
              id="webhook-edit-heading"
              title="Edit"
              description={
                endpoint.kind === "handoff"
                  ? "Escalate nodes name this contact centre by its name: rename it there too."
                  : "Change the URL or the events it receives."
              }
            />
            <WebhookEndpointForm
              endpoint={{
                id: endpoint.id,
                kind: endpoint.kind,
                name: endpoint.name,
                url: endpoint.url,
                events: endpoint.events,
              }}
            />
          </Card>
        ) : null}

        <Card aria-labelledby="webhook-log-heading">
          <CardHeader
            id="webhook-log-heading"
            title="Deliveries"
            description={
              deliveries.length
                ? `The latest ${deliveries.length < DELIVERY_LOG_LIMIT ? deliveries.length : DELIVERY_LOG_LIMIT}, newest first: ${counts.delivered} delivered, ${counts.pending} being tried, ${counts.failed} failed.`
                : undefined
            }
            actions={counts.pending > 0 ? <AutoRefresh label="Deliveries in progress" /> : undefined}
          />
          {deliveries.length === 0 ? (
            <div className="p-4">
              <EmptyState icon={Inbox} title="No deliveries yet">
                {endpoint.kind === "handoff"
                  ? "Escalations an escalate node sends to this contact centre appear here."
                  : `Events this endpoint subscribes to appear here as they happen.${canManage ? " Send a test event to try your receiver now." : ""}`}
              </EmptyState>
            </div>
          ) : (
            <WebhookDeliveryLog deliveries={deliveries} canManage={canManage} endpointActive={endpoint.active} />
          )}
        </Card>
      </div>
    </>
  );
}
