import { consoleRoute } from "@/lib/features/console-route";
import { SSE_HEADERS, sseFrame, sseStream } from "@/lib/platform/http/sse-stream";
import { conversationInWorkspace } from "@/lib/features/conversations/get-conversation-trace";
import { liveListener } from "@/lib/runtime/engine/live/live-listener";
import { AppError } from "@/lib/model/errors";

export const dynamic = "force-dynamic";
export const runtime = "nodejs"; // LISTEN/NOTIFY needs a real pg connection

type Params = { params: Promise<{ id: string }> };

const RETRY_MS = 2000;
const HEARTBEAT_MS = 15_000;

// GET /api/console/conversations/{id}/stream → text/event-stream for the console's conversation page: a small
// `change` event each time the engine processes an event of this conversation (the page then re-renders from the
// database). Session auth, conversation.read, this workspace only (404 before anything streams otherwise).
export async function GET(request: Request, { params }: Params): Promise<Response> {
  return consoleRoute("conversation.read", "console-stream", async (member) => {
    const { id } = await params;
    if (id.length > 64 || !(await conversationInWorkspace(member.workspaceId, id))) {
      throw new AppError("NOT_FOUND", { userMessage: "This conversation could not be found." });
    }
    let seq = 0;
    const stream = sseStream({
      signal: request.signal,
      retryMs: RETRY_MS,
      heartbeatMs: HEARTBEAT_MS,
      start(io) {
        io.send(sseFrame("ready", { conversationId: id }));
        io.onClose(
          liveListener().subscribe(id, (notice) => {
            if (notice.w === member.workspaceId) io.send(sseFrame("change", { n: ++seq, status: notice.s }));
          }),
        );
      },
    });
    return new Response(stream, { headers: SSE_HEADERS });
  });
}
