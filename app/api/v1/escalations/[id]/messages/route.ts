import { handleApiRequest } from "@/lib/interfaces/api/handle-api-request";
import { preferredWaitMs } from "@/lib/interfaces/api/post-api-message";
import { escalationIdParams, externalReplyBody } from "@/lib/interfaces/api/escalations/api-schemas";
import { replyExternally } from "@/lib/interfaces/api/escalations/external-escalation";

export const dynamic = "force-dynamic";

// POST /api/v1/escalations/{id}/messages → the contact centre's reply reaches the customer like an operator's.
export const POST = handleApiRequest({
  params: escalationIdParams,
  body: externalReplyBody,
  handler: async ({ key, params, body, request }) => {
    const result = await replyExternally(key, params.id, body, preferredWaitMs(request));
    return { status: result.httpStatus, body: result.body };
  },
});
