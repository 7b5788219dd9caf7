import { consoleRoute } from "@/lib/features/console-route";
import { db } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { canOverrideGates } from "@/lib/features/flows/gate-decision";
import { checkPublishGates } from "@/lib/features/flows/publish-gate";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ flowId: string }> };

// GET /api/console/flows/{flowId}/publish-gates?revision=N → what the publish dialog shows before publishing: each
// gating suite's pass rate against its threshold and the live version's, whether publishing is blocked, and whether
// this member may override (session auth; another workspace's flow is a 404). The publish action enforces the same.
export async function GET(request: Request, { params }: Params): Promise<Response> {
  return consoleRoute("flow.publish", "publish-gates", async (member) => {
    const { flowId } = await params;
    if (flowId.length > 64)
      throw new AppError("NOT_FOUND", { userMessage: "That flow does not exist in this workspace." });
    const raw = new URL(request.url).searchParams.get("revision");
    const revision = raw === null ? null : Number(raw);
    if (revision !== null && (!Number.isInteger(revision) || revision < 1)) {
      throw new AppError("BAD_REQUEST", { userMessage: "revision must be a positive whole number." });
    }
    const report = await db().$transaction(async (tx) => {
      const flow = await tx.flow.findFirst({
        where: { id: flowId, workspaceId: member.workspaceId },
        select: { draftRevision: true },
      });
      if (!flow) throw new AppError("NOT_FOUND", { userMessage: "That flow does not exist in this workspace." });
      const draftRevision = revision ?? flow.draftRevision;
      return {
        draftRevision,
        ...(await checkPublishGates(tx, { workspaceId: member.workspaceId, flowId, draftRevision })),
      };
    });
    return Response.json(
      { ...report, canOverride: canOverrideGates(member.role) },
      { headers: { "Cache-Control": "no-store" } },
    );
  });
}
