import { openConversationEvents, resumeAfterSeq } from "@/lib/interfaces/api/conversation-events";
import { SSE_HEADERS } from "@/lib/platform/http/sse-stream";
import { handleApiRequest } from "@/lib/interfaces/api/handle-api-request";
import { conversationIdParams } from "@/lib/interfaces/api/schemas";

export const dynamic = "force-dynamic";
export const runtime = "nodejs"; // LISTEN/NOTIFY needs a real pg connection

// GET /api/v1/conversations/{id}/events → text/event-stream: `message` (id = seq) and `status` events.
// The conversation is checked before anything streams, so a wrong id is a JSON 404 like everywhere else.
export const GET = handleApiRequest({
  params: conversationIdParams,
  handler: async ({ key, params, request }) => ({
    body: null,
    headers: SSE_HEADERS,
    stream: await openConversationEvents({
      workspaceId: key.workspaceId,
      conversationId: params.id,
      afterSeq: resumeAfterSeq(request),
      signal: request.signal,
    }),
  }),
});
