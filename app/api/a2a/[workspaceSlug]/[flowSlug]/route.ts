import { jsonRpcResponse } from "@/lib/interfaces/a2a/json-rpc-endpoint";

export const dynamic = "force-dynamic";

type Context = { params: Promise<Record<string, string | string[] | undefined>> };

// POST /api/a2a/{workspace}/{flow} → the flow's A2A JSON-RPC endpoint (v1.0 and v0.3 method names; SSE for streams).
export const POST = (request: Request, context: Context) => jsonRpcResponse(request, context.params);
