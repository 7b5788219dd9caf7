import { handleApiRequest } from "@/lib/interfaces/api/handle-api-request";
import { getApiTurn } from "@/lib/interfaces/api/post-api-message";
import { turnParams } from "@/lib/interfaces/api/schemas";

export const dynamic = "force-dynamic";

// GET /api/v1/conversations/{id}/turns/{eventId} → a message's turn: processing, done (with replies) or failed.
export const GET = handleApiRequest({
  params: turnParams,
  handler: async ({ key, params }) => ({
    body: await getApiTurn({ workspaceId: key.workspaceId, conversationId: params.id, eventId: params.eventId }),
  }),
});
