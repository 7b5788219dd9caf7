import { consoleRoute } from "@/lib/features/console-route";
import { getSpanDetail } from "@/lib/features/conversations/get-conversation-trace";
import { AppError } from "@/lib/model/errors";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; spanId: string }> };

// GET /api/console/conversations/{id}/spans/{spanId} → the span's input, output and attributes, for the console's
// trace view (session auth; another workspace's span is a 404).
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  return consoleRoute("conversation.read", "console-span", async (member) => {
    const { id, spanId } = await params;
    const detail = id.length <= 64 && spanId.length <= 300 ? await getSpanDetail(member.workspaceId, id, spanId) : null;
    if (!detail) throw new AppError("NOT_FOUND", { userMessage: "This span could not be found." });
    return Response.json(detail, { headers: { "Cache-Control": "no-store" } });
  });
}
