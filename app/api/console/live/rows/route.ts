// GET /api/console/live/rows?q=&status=&flow=&channel=&agent=&waiting=&cursor= → one page of the Live list as JSON
// ({ rows, total, hasMore }): what the Live page's react-query fetches when someone pages. Session-authenticated.
import { consoleRoute } from "@/lib/features/console-route";
import { listConversations, LIVE_PAGE_SIZE } from "@/lib/features/live/list-conversations";
import { parseLiveCursor, parseLiveFilters } from "@/lib/features/live/live-filters";
import { toLiveRow, type LivePage } from "@/lib/features/live/live-rows";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return consoleRoute("conversation.read", "live-rows", async (member) => {
    const params = new URL(request.url).searchParams;
    const { rows, total, hasMore } = await listConversations({
      workspaceId: member.workspaceId,
      ...parseLiveFilters(params),
      cursor: parseLiveCursor(params.get("cursor")),
      limit: LIVE_PAGE_SIZE,
    });
    const page: LivePage = { rows: rows.map(toLiveRow), total, hasMore };
    return Response.json(page, { headers: { "cache-control": "no-store" } });
  });
}
