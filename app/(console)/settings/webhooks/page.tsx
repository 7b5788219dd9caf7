import type { Metadata } from "next";
import Link from "next/link";
import { Webhook } from "lucide-react";
import { WebhookEndpointForm } from "@/components/settings/webhook-endpoint-form";
import { WebhookEndpointsTable } from "@/components/settings/webhook-endpoints-table";
import { linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { maskedUrl } from "@/lib/features/settings/webhooks/display-url";
import { listWebhookEndpoints } from "@/lib/features/settings/webhooks/list-endpoints";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const member = await requirePageMember("settings.read", "/settings/webhooks");
  const canManage = can(member.role, "settings.manage");
  const endpoints = await listWebhookEndpoints(member.workspaceId);

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/settings" className={linkClass}>
            Settings
          </Link>
        }
        title="Webhooks"
        description="Switchboard POSTs signed JSON to your endpoints when conversations start, escalate and resolve, when escalations are claimed and resolved, when a tool call waits for approval and when a flow goes live; handoff endpoints receive escalations for an external contact centre. Failed deliveries are retried with backoff for about five hours; every attempt is logged and any delivery can be replayed."
      />
      <div className="space-y-6">
        {canManage ? (
          <Card aria-labelledby="webhook-new-heading">
            <CardHeader
              id="webhook-new-heading"
              title="Add an endpoint"
              description="Its signing secret is shown once, right after you add it."
            />
            <WebhookEndpointForm />
          </Card>
        ) : null}

        <section aria-labelledby="webhook-endpoints-heading" className="space-y-2">
          <h2 id="webhook-endpoints-heading" className="text-sm font-semibold text-slate-900">
            Endpoints · {endpoints.length}
          </h2>
          {endpoints.length === 0 ? (
            <EmptyState icon={Webhook} title="No webhook endpoints yet">
              {canManage
                ? "Add one above: pick the events it should receive, then send it a test event from its page."
                : "An admin can add endpoints here; you will see them and their delivery logs once they exist."}
            </EmptyState>
          ) : (
            <WebhookEndpointsTable
              endpoints={endpoints.map((e) => ({
                id: e.id,
                kind: e.kind,
                name: e.name,
                url: canManage ? e.url : maskedUrl(e.url),
                events: e.events,
                active: e.active,
                failedCount: e.failedCount,
                lastDelivery: e.lastDelivery
                  ? { ...e.lastDelivery, createdAt: e.lastDelivery.createdAt.toISOString() }
                  : null,
              }))}
            />
          )}
        </section>
      </div>
    </>
  );
}
