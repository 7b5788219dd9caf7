import { agentDirectoryResponse } from "@/lib/interfaces/a2a/card-responses";

export const dynamic = "force-dynamic";

type Context = { params: Promise<Record<string, string | string[] | undefined>> };

// GET /api/a2a/{workspace} → the agent cards of the key's workspace: one per published flow that accepts the API channel.
export const GET = (request: Request, context: Context) => agentDirectoryResponse(request, context.params);
