import { getApiConversation } from "@/lib/interfaces/api/get-api-conversation";
import { handleApiRequest } from "@/lib/interfaces/api/handle-api-request";
import { conversationIdParams } from "@/lib/interfaces/api/schemas";

export const dynamic = "force-dynamic";

// GET /api/v1/conversations/{id} → transcript, status, flow version, open escalation.
export const GET = handleApiRequest({
  params: conversationIdParams,
  handler: async ({ key, params }) => ({
    body: await getApiConversation({ workspaceId: key.workspaceId, conversationId: params.id }),
  }),
});
