import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExternalLink, History, PencilRuler, Radio } from "lucide-react";
import { buttonClass, linkClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import {
  FlowEdgesTable,
  NodeKindSections,
  PublishedVersionCard,
  VersionHistory,
} from "@/components/flows/flow-overview-sections";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { getFlowOverview } from "@/lib/features/flows/get-flow-overview";
import { prepareFlowOverview } from "@/lib/features/flows/prepare-flow-overview";

type Props = { params: Promise<{ flowId: string }> };

export const metadata: Metadata = { title: "Flow" };

export default async function FlowOverviewPage({ params }: Props) {
  const { flowId } = await params;
  const member = await requirePageMember("flow.read", `/flows/${flowId}`);
  const flow = await getFlowOverview(member.workspaceId, flowId);
  if (!flow) notFound();

  const { graph, nodes, groups, edges } = prepareFlowOverview(flow);

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/flows" className={linkClass}>
            Flows
          </Link>
        }
        title={flow.name}
        description={flow.description || undefined}
        actions={
          <>
            {can(member.role, "flow.edit") ? (
              <Link href={`/flows/${flow.id}/edit`} className={buttonClass("secondary")} data-testid="edit-link">
                <PencilRuler aria-hidden className="size-4" />
                Edit
              </Link>
            ) : null}
            <Link href={`/flows/${flow.id}/history`} className={buttonClass("secondary")} data-testid="history-link">
              <History aria-hidden className="size-4" />
              History
            </Link>
            {flow.published ? (
              <>
                <Link href={`/live?flow=${encodeURIComponent(flow.slug)}`} className={buttonClass("secondary")}>
                  <Radio aria-hidden className="size-4" />
                  Conversations
                </Link>
                <a
                  href={`/chat/${member.workspaceSlug}/${flow.slug}`}
                  target="_blank"
                  rel="noopener"
                  className={buttonClass("primary")}
                >
                  Open chat
                  <ExternalLink aria-hidden className="size-4" />
                  <span className="sr-only">(opens in a new tab)</span>
                </a>
              </>
            ) : null}
          </>
        }
      />

      {!flow.published ? (
        <EmptyState icon={Radio} title="This flow has no published version">
          Customers can only reach a flow once a version of it is published. Its nodes, routes and edges will be listed
          here from the published version.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <PublishedVersionCard published={flow.published} slug={flow.slug} graph={graph} />

          {!graph ? (
            <Card>
              <p className="px-4 py-4 text-sm text-rose-700">
                The published graph does not match the current flow schema, so it cannot be shown. Conversations already
                pinned to it keep their recorded steps.
              </p>
            </Card>
          ) : (
            <>
              <NodeKindSections groups={groups} nodes={nodes} edges={graph.edges} models={flow.published.models} />
              <FlowEdgesTable rows={edges} />
            </>
          )}
        </div>
      )}

      <VersionHistory flowId={flow.id} versions={flow.versions} publishedId={flow.published?.id} />
    </>
  );
}
