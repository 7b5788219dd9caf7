import { SSE_HEADERS } from "@/lib/platform/http/sse-stream";
import { errorResponse } from "@/lib/platform/http/error-response";
import { findPublicFlow } from "@/lib/features/chat/public-chat";
import { currentChatPass } from "@/lib/features/chat/chat-resume-token";
import { openReplyStream } from "@/lib/features/chat/chat-reply-stream";
import { AppError, toAppError } from "@/lib/model/errors";

export const dynamic = "force-dynamic";
export const runtime = "nodejs"; // LISTEN/NOTIFY needs a real pg connection

type Params = { params: Promise<{ workspaceSlug: string; flowSlug: string; conversationId: string }> };

const SLUG = /^[A-Za-z0-9_-]{1,100}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

// GET /api/chat/{workspace}/{flow}/{conversation}/stream → text/event-stream for the public chat page: `delta` while an
// LLM agent generates its reply (only where nothing may change it afterwards, see lib/runtime/engine/live/stream-deltas.ts), `done`
// when an event's replies are committed. Public like the chat's actions, and authorized the same way: the conversation
// must be the one the browser's resume cookie opens (EventSource sends it), in the workspace and flow of the URL (a
// 404 before anything streams otherwise). A stale cookie is left alone here: the page's next action clears it.
export async function GET(request: Request, { params }: Params): Promise<Response> {
  try {
    const { workspaceSlug, flowSlug, conversationId } = await params;
    const notFound = new AppError("NOT_FOUND", { userMessage: "This conversation could not be found." });
    if (!SLUG.test(workspaceSlug) || !SLUG.test(flowSlug) || !ID.test(conversationId)) throw notFound;
    const found = await findPublicFlow(workspaceSlug, flowSlug);
    if (!found) throw notFound;
    const pass = await currentChatPass(found, { clearStale: false });
    if (pass?.conversationId !== conversationId) throw notFound;
    return new Response(openReplyStream({ conversationId, signal: request.signal }), { headers: SSE_HEADERS });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.status >= 500) console.error("[chat-stream]", appError.message);
    return errorResponse(appError.status, appError.code, appError.userMessage);
  }
}
