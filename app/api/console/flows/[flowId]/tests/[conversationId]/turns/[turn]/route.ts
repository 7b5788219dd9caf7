import { consoleRoute } from "@/lib/features/console-route";
import { getTurnDetails } from "@/lib/features/conversations/get-turn-details";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import { AppError } from "@/lib/model/errors";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ flowId: string; conversationId: string; turn: string }> };

// GET /api/console/flows/{flowId}/tests/{conversationId}/turns/{turn} → { nodes }: what each node of a designer's test
// turn received, produced, changed and called, for the Test panel. Authorized as the conversation trace is (session,
// conversation.read, the member's workspace) and only for this flow's test conversations; anything else is a 404.
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  return consoleRoute("conversation.read", "console-test-turn", async (member) => {
    const { flowId, conversationId, turn } = await params;
    if (!/^\d{1,6}$/.test(turn))
      throw new AppError("VALIDATION", { userMessage: "A turn is a whole number from 0 to 999999." });
    const nodes =
      flowId.length <= 64 && conversationId.length <= 64
        ? await getTurnDetails(member.workspaceId, conversationId, Number(turn), { flowId, channel: TEST_CHANNEL })
        : null;
    if (!nodes) throw new AppError("NOT_FOUND", { userMessage: "This test conversation could not be found." });
    return Response.json({ nodes }, { headers: { "Cache-Control": "no-store" } });
  });
}
