import { handleApiRequest } from "@/lib/interfaces/api/handle-api-request";
import { postApiMessage, preferredWaitMs } from "@/lib/interfaces/api/post-api-message";
import { conversationIdParams, postMessageBody } from "@/lib/interfaces/api/schemas";

export const dynamic = "force-dynamic";

// POST /api/v1/conversations/{id}/messages → the turn's replies (idempotent with `idempotencyKey`); 202 + Location
// when the turn takes longer than the wait.
export const POST = handleApiRequest({
  params: conversationIdParams,
  body: postMessageBody,
  handler: ({ key, params, body, request }) =>
    postApiMessage({ key, conversationId: params.id, input: body, waitMs: preferredWaitMs(request) }),
});
