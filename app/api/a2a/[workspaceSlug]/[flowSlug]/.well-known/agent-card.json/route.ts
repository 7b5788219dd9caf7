import { agentCardResponse } from "@/lib/interfaces/a2a/card-responses";

export const dynamic = "force-dynamic";

type Context = { params: Promise<Record<string, string | string[] | undefined>> };

// GET /api/a2a/{workspace}/{flow}/.well-known/agent-card.json → the flow's agent card (needs the workspace's API key).
export const GET = (request: Request, context: Context) => agentCardResponse(request, context.params);
