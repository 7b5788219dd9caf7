import type { Metadata } from "next";
import Link from "next/link";
import { ExternalLink, Workflow } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { linkClass } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { requirePageMember } from "@/app/_server/page-member";
import { listFlows, RECENT_DAYS } from "@/lib/features/flows/list-flows";
import { can } from "@/lib/model/permissions";
import { CreateFlowDialog } from "@/components/flows/list/create-flow-dialog";
import { TEMPLATE_CHOICES } from "@/lib/model/flow/templates";
import { ImportFlowButton } from "@/components/flows/list/import-flow-button";

export const metadata: Metadata = { title: "Flows" };

const ROW_LINK = "inline-flex min-h-6 items-center text-xs";

export default async function FlowsPage() {
  const member = await requirePageMember("flow.read", "/flows");
  const flows = await listFlows(member.workspaceId);
  const canEdit = can(member.role, "flow.edit");

  return (
    <>
      <PageHeader
        title="Flows"
        description="Each flow routes a customer's messages through a published, immutable version of its graph: a router picks the specialist agent, which answers, calls a tool or hands over to a person."
        actions={
          canEdit ? (
            <>
              <ImportFlowButton />
              <CreateFlowDialog templates={TEMPLATE_CHOICES} />
            </>
          ) : undefined
        }
      />
      {flows.length === 0 ? (
        <EmptyState icon={Workflow} title="No flows in this workspace yet">
          Flows appear here once they exist in this workspace, with their published version and recent traffic. A fresh
          install seeds two demo flows, Retail support and Banking support, into the Acme Retail workspace on first
          start.
        </EmptyState>
      ) : (
        <Table caption="Flows in this workspace">
          <THead>
            <Th>Flow</Th>
            <Th>Published version</Th>
            <Th className="text-right">Nodes</Th>
            <Th className="text-right">Conversations ({RECENT_DAYS} d)</Th>
            <Th srOnly>Links</Th>
          </THead>
          <TBody>
            {flows.map((flow) => (
              <tr key={flow.id} data-testid="flow-row" data-slug={flow.slug} className="hover:bg-slate-50">
                <Td className="max-w-md">
                  <Link href={`/flows/${flow.id}`} className={`${linkClass} text-sm`}>
                    {flow.name}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{flow.slug}</div>
                  {flow.description ? <p className="mt-1 text-xs text-slate-600">{flow.description}</p> : null}
                </Td>
                <Td>
                  {flow.published ? (
                    <div>
                      <div className="flex items-center gap-2">
                        <Badge tone="indigo">v{flow.published.number}</Badge>
                        <Time value={flow.published.createdAt} className="text-xs text-slate-500" />
                      </div>
                      {flow.published.note ? (
                        <p className="mt-1 max-w-xs text-xs text-slate-600">{flow.published.note}</p>
                      ) : null}
                    </div>
                  ) : (
                    <span className="text-xs text-slate-500">Not published: customers cannot reach it yet.</span>
                  )}
                </Td>
                <Td className="text-right tabular-nums">{flow.published?.nodeCount ?? "—"}</Td>
                <Td className="text-right tabular-nums">
                  {flow.recentConversations > 0 ? (
                    <Link href={`/live?flow=${encodeURIComponent(flow.slug)}`} className={linkClass}>
                      {flow.recentConversations}
                    </Link>
                  ) : (
                    0
                  )}
                </Td>
                <Td className="whitespace-nowrap text-right">
                  {/* Each link at least 24 px tall (WCAG 2.5.8): stacked small links are easy to mis-tap. */}
                  <div className="flex flex-col items-end gap-1">
                    <Link href={`/flows/${flow.id}`} className={`${linkClass} ${ROW_LINK}`}>
                      Overview<span className="sr-only"> of {flow.name}</span>
                    </Link>
                    {canEdit ? (
                      <Link
                        href={`/flows/${flow.id}/edit`}
                        className={`${linkClass} ${ROW_LINK}`}
                        data-testid="edit-link"
                      >
                        Edit<span className="sr-only"> {flow.name}</span>
                      </Link>
                    ) : null}
                    <Link
                      href={`/flows/${flow.id}/history`}
                      className={`${linkClass} ${ROW_LINK}`}
                      data-testid="history-link"
                    >
                      History<span className="sr-only"> of {flow.name}</span>
                    </Link>
                    {flow.published ? (
                      <a
                        href={`/chat/${member.workspaceSlug}/${flow.slug}`}
                        target="_blank"
                        rel="noopener"
                        className={`${linkClass} ${ROW_LINK} gap-1`}
                        data-testid="open-chat"
                      >
                        Open chat<span className="sr-only"> for {flow.name} (opens in a new tab)</span>
                        <ExternalLink aria-hidden className="size-3" />
                      </a>
                    ) : null}
                  </div>
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
