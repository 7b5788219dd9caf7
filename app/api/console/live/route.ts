// GET /api/console/live?q=&status=&flow=&channel=&agent=&waiting=&per= → text/event-stream for the Live page: `snapshot` (the list
// now), then `rows` ({ rows, removed }) as the engine commits events. Session-authenticated; the member's workspace only.
import { consoleRoute } from "@/lib/features/console-route";
import { SSE_HEADERS } from "@/lib/platform/http/sse-stream";
import { parseLiveFilters, parseLivePageSize } from "@/lib/features/live/live-filters";
import { openLiveStream } from "@/lib/features/live/live-stream";

export const dynamic = "force-dynamic";
export const runtime = "nodejs"; // LISTEN/NOTIFY needs a real pg connection

export async function GET(request: Request) {
  return consoleRoute("conversation.read", "live", async (member) => {
    const params = new URL(request.url).searchParams;
    const stream = openLiveStream({
      workspaceId: member.workspaceId,
      filters: parseLiveFilters(params),
      pageSize: parseLivePageSize(params),
      signal: request.signal,
    });
    return new Response(stream, { headers: SSE_HEADERS });
  });
}
