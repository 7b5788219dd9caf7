import { consoleRoute } from "@/lib/features/console-route";
import { getTurnSteps } from "@/lib/features/conversations/get-turn-steps";
import { AppError } from "@/lib/model/errors";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; turn: string }> };

// GET /api/console/conversations/{id}/turns/{turn} → { steps }: a transcript turn's steps, fetched when a reader opens a
// turn the page did not draw up front (session auth; another workspace's conversation is a 404).
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  return consoleRoute("conversation.read", "console-turn-steps", async (member) => {
    const { id, turn } = await params;
    if (!/^\d{1,6}$/.test(turn))
      throw new AppError("VALIDATION", { userMessage: "A turn is a whole number from 0 to 999999." });
    const steps = id.length <= 64 ? await getTurnSteps(member.workspaceId, id, Number(turn)) : null;
    if (!steps) throw new AppError("NOT_FOUND", { userMessage: "This conversation could not be found." });
    return Response.json({ steps }, { headers: { "Cache-Control": "no-store" } });
  });
}
