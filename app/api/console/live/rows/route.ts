// GET /api/console/live/rows?q=&status=&flow=&channel=&agent=&waiting=&per=&cursor= → one page of the Live list as JSON
// ({ rows, total, hasMore }): what the Live page's react-query fetches when someone pages. Session-authenticated.
import { consoleRoute } from "@/lib/features/console-route";
import { listConversations } from "@/lib/features/live/list-conversations";
import { parseLiveCursor, parseLiveFilters, parseLivePageSize } from "@/lib/features/live/live-filters";
import { toLiveRow, type LivePage } from "@/lib/features/live/live-rows";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return consoleRoute("conversation.read", "live-rows", async (member) => {
    const params = new URL(request.url).searchParams;
    const { rows, total, hasMore } = await listConversations({
      workspaceId: member.workspaceId,
      ...parseLiveFilters(params),
      cursor: parseLiveCursor(params.get("cursor")),
      limit: parseLivePageSize(params),
    });
    const page: LivePage = { rows: rows.map(toLiveRow), total, hasMore };
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  });
}
