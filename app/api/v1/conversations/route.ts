import { handleApiRequest } from "@/lib/interfaces/api/handle-api-request";
import { createConversationBody } from "@/lib/interfaces/api/schemas";
import { startApiConversation } from "@/lib/interfaces/api/start-api-conversation";

export const dynamic = "force-dynamic";

// POST /api/v1/conversations → 201 with the greeting and a Location header.
export const POST = handleApiRequest({
  body: createConversationBody,
  handler: async ({ key, body }) => {
    const started = await startApiConversation({ key, input: body });
    return { status: 201, body: started, headers: { Location: `/api/v1/conversations/${started.id}` } };
  },
});
