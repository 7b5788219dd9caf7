// Serves the A2A route handlers on a real port (the SDK's client for them is tests/support/a2a-client.ts).
import { GET as directory } from "@/app/api/a2a/[workspaceSlug]/route";
import { GET as card } from "@/app/api/a2a/[workspaceSlug]/[flowSlug]/.well-known/agent-card.json/route";
import { POST as rpc } from "@/app/api/a2a/[workspaceSlug]/[flowSlug]/route";
import { db } from "@/lib/platform/db/client";
import { startRouteServer } from "@/tests/support/route-server";

export function startA2aServer() {
  return startRouteServer([
    { pattern: "/api/a2a/:workspaceSlug", handlers: { GET: directory } },
    { pattern: "/api/a2a/:workspaceSlug/:flowSlug", handlers: { POST: rpc } },
    { pattern: "/api/a2a/:workspaceSlug/:flowSlug/.well-known/agent-card.json", handlers: { GET: card } },
  ]);
}

/** Rows a refused request must leave as they were. */
export async function a2aCounts() {
  const [tasks, conversations, messages, audit] = await Promise.all([
    db().a2aTask.count(),
    db().conversation.count(),
    db().message.count(),
    db().auditLog.count(),
  ]);
  return { tasks, conversations, messages, audit };
}
