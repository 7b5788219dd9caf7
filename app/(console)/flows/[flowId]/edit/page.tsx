import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { FlowEditor } from "@/components/flows/flow-editor";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { getFlowDraft } from "@/lib/features/flows/get-flow-draft";
import { listHandoffEndpointNames } from "@/lib/features/flows/list-handoff-endpoints";
import { modelAvailability } from "@/lib/features/flows/model-availability";

type Props = { params: Promise<{ flowId: string }> };

export const metadata: Metadata = { title: "Edit flow" };

export default async function EditFlowPage({ params }: Props) {
  const { flowId } = await params;
  const member = await requirePageMember("flow.read", `/flows/${flowId}/edit`);
  // Readers without flow.edit get the read-only overview instead of a refusal.
  if (!can(member.role, "flow.edit")) redirect(`/flows/${flowId}`);
  const [draft, handoffEndpoints, models] = await Promise.all([
    getFlowDraft(member.workspaceId, flowId),
    listHandoffEndpointNames(member.workspaceId),
    modelAvailability(member.workspaceId),
  ]);
  if (!draft) notFound();

  return (
    <FlowEditor
      flow={{ id: draft.id, name: draft.name, slug: draft.slug, description: draft.description }}
      graph={draft.graph}
      draftRevision={draft.draftRevision}
      draftProblem={draft.draftProblem}
      publishedNumber={draft.publishedNumber}
      canPublish={can(member.role, "flow.publish")}
      canTest={can(member.role, "flow.test")}
      handoffEndpoints={handoffEndpoints}
      models={models}
    />
  );
}
