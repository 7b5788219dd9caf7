import { consoleRoute } from "@/lib/features/console-route";
import { getStepDetail } from "@/lib/features/conversations/get-conversation-trace";
import { AppError } from "@/lib/model/errors";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; stepId: string }> };

// GET /api/console/conversations/{id}/steps/{stepId} → the step's input and output (and a router's every candidate),
// fetched when a step of the transcript is expanded (session auth; another workspace's step is a 404).
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  return consoleRoute("conversation.read", "console-step", async (member) => {
    const { id, stepId } = await params;
    const detail = id.length <= 64 && stepId.length <= 300 ? await getStepDetail(member.workspaceId, id, stepId) : null;
    if (!detail) throw new AppError("NOT_FOUND", { userMessage: "This step could not be found." });
    return Response.json(detail, { headers: { "Cache-Control": "no-store" } });
  });
}
