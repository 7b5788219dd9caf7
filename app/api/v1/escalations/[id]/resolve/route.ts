import { handleApiRequest } from "@/lib/api/handle-api-request";
import { preferredWaitMs } from "@/lib/api/post-api-message";
import { escalationIdParams, externalResolveBody } from "@/lib/handoff/api-schemas";
import { resolveExternally } from "@/lib/handoff/external-escalation";

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
