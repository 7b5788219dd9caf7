// GET /api/console/inbox/stream → text/event-stream for the Inbox queue: `ready`, then `changed` whenever the queue
// may look different (see lib/features/inbox/inbox-stream.ts). Session auth, conversation.read, this workspace only.
import { consoleRoute } from "@/lib/features/console-route";
import { openInboxStream } from "@/lib/features/inbox/inbox-stream";
import { SSE_HEADERS } from "@/lib/platform/http/sse-stream";

export const dynamic = "force-dynamic";
export const runtime = "nodejs"; // LISTEN/NOTIFY needs a real pg connection

export async function GET(request: Request) {
  return consoleRoute("conversation.read", "inbox-stream", async (member) => {
    const stream = openInboxStream({ workspaceId: member.workspaceId, signal: request.signal });
    return new Response(stream, { headers: SSE_HEADERS });
  });
}
