import { consoleRoute } from "@/lib/features/console-route";
import { getTicketTimeline } from "@/lib/features/inbox/get-ticket-timeline";
import { AppError } from "@/lib/model/errors";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ conversationId: string }> };

// GET /api/console/inbox/{conversationId}/timeline → the Inbox ticket's messages and internal notes as JSON, for the
// ticket pane's react-query refetch. Session auth, conversation.read, this workspace only.
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  return consoleRoute("conversation.read", "inbox-timeline", async (member) => {
    const { conversationId } = await params;
    const timeline = conversationId.length <= 64 ? await getTicketTimeline(member.workspaceId, conversationId) : null;
    if (!timeline) throw new AppError("NOT_FOUND", { userMessage: "This conversation could not be found." });
    return Response.json(timeline, { headers: { "cache-control": "no-store" } });
  });
}
