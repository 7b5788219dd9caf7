import { handleApiRequest } from "@/lib/interfaces/api/handle-api-request";
import { preferredWaitMs } from "@/lib/interfaces/api/post-api-message";
import { escalationIdParams, externalResolveBody } from "@/lib/interfaces/api/escalations/api-schemas";
import { resolveExternally } from "@/lib/interfaces/api/escalations/external-escalation";

export const dynamic = "force-dynamic";

// POST /api/v1/escalations/{id}/resolve → resolves the escalation and ends the conversation, like the inbox's Resolve.
export const POST = handleApiRequest({
  params: escalationIdParams,
  body: externalResolveBody,
  handler: async ({ key, params, body, request }) => {
    const result = await resolveExternally(key, params.id, body, preferredWaitMs(request));
    return { status: result.httpStatus, body: result.body };
  },
});
