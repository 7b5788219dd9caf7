import { handleApiRequest } from "@/lib/interfaces/api/handle-api-request";
import { escalationCursorQuery, escalationIdParams } from "@/lib/interfaces/api/escalations/api-schemas";
import { getHandedOffEscalation } from "@/lib/interfaces/api/escalations/external-escalation";

export const dynamic = "force-dynamic";

// GET /api/v1/escalations/{id}?after=<seq> → a handed-off escalation: status, externalRef and the messages since the cursor.
export const GET = handleApiRequest({
  params: escalationIdParams,
  handler: async ({ key, params, request }) => {
    const query = escalationCursorQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    return { body: await getHandedOffEscalation(key, params.id, query.after) };
  },
});
