import { handleApiRequest } from "@/lib/api/handle-api-request";
import { postApiMessage } from "@/lib/api/post-api-message";
import { conversationIdParams, postMessageBody } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

// POST /api/v1/conversations/{id}/messages → the turn's replies (idempotent with `idempotencyKey`).
export const POST = handleApiRequest({
  params: conversationIdParams,
  body: postMessageBody,
  handler: async ({ key, params, body }) => ({ body: await postApiMessage({ key, conversationId: params.id, input: body }) }),
});
