// GET /api/console/live?status=&flow=&channel=&agent= → text/event-stream for the Live page: `snapshot` (the list
// now), then `rows` ({ rows, removed }) as the engine commits events. Session-authenticated; the member's workspace only.
import { SSE_HEADERS } from "@/lib/api/sse-stream";
import { requireMember } from "@/lib/auth/current-member";
import { parseLiveFilters } from "@/lib/console/live-filters";
import { openLiveStream } from "@/lib/console/live-stream";
import { toAppError } from "@/lib/errors";

export const dynamic = "force-dynamic";
export const runtime = "nodejs"; // LISTEN/NOTIFY needs a real pg connection

export async function GET(request: Request) {
  try {
    const member = await requireMember("conversation.read");
    const filters = parseLiveFilters(new URL(request.url).searchParams);
    return new Response(openLiveStream({ workspaceId: member.workspaceId, filters, signal: request.signal }), { headers: SSE_HEADERS });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.status >= 500) console.error("[live]", appError.message);
    return Response.json({ error: { code: appError.code, message: appError.userMessage } }, { status: appError.status });
  }
}
