// GET the agent card of a flow, or the directory of a workspace's agents. A client announcing A2A 1.0 (the
// `A2A-Version` header, as the SDK's client sends) gets the v1.0 card; others get the v0.3 shape (`url`,
// `preferredTransport`, `security`) with the v1.0 interfaces embedded, as the SDK's own Express handler serves it.
import "server-only";
import { AgentCard } from "@a2a-js/sdk";
import { LegacyRestTransportHandler } from "@a2a-js/sdk/compat/v0_3/server";
import { ServerCallContext, type A2ARequestHandler } from "@a2a-js/sdk/server";
import type { RateLimitState } from "@/lib/interfaces/api-keys/rate-limit";
import { errorResponse } from "@/lib/platform/http/error-response";
import { listPublishedFlows } from "@/lib/interfaces/published-flows/published-flows";
import { buildAgentCard, flowAgentUrls, publicOriginFor } from "./agent-card";
import { authorizeFlow, authorizeWorkspace, rateLimitHeaders, refusal } from "./authorize-a2a";

function wantsLegacy(request: Request): boolean {
  const version = request.headers.get("a2a-version")?.trim();
  return !version || version.startsWith("0.");
}

/** The SDK's v0.3 card translation, reached through its REST compat handler (it is not exported on its own). */
async function legacyCard(card: AgentCard): Promise<unknown> {
  const source = { getAuthenticatedExtendedAgentCard: async () => card } as unknown as A2ARequestHandler;
  const legacy = await new LegacyRestTransportHandler(source).getAuthenticatedExtendedAgentCard(
    new ServerCallContext(),
  );
  const { supportedInterfaces } = AgentCard.toJSON(card) as { supportedInterfaces?: unknown };
  return { ...legacy, supportedInterfaces };
}

const cardJson = (card: AgentCard, request: Request) =>
  wantsLegacy(request) ? legacyCard(card) : Promise.resolve(AgentCard.toJSON(card));

type Params = Promise<Record<string, string | string[] | undefined>>;
const param = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

export async function agentCardResponse(request: Request, params: Params): Promise<Response> {
  let rateLimit: RateLimitState | null = null;
  try {
    const { workspaceSlug, flowSlug } = await params;
    const caller = await authorizeWorkspace(request, param(workspaceSlug), (state) => (rateLimit = state));
    const flow = await authorizeFlow(caller, param(flowSlug));
    const card = buildAgentCard(flow, { origin: publicOriginFor(request), workspaceSlug: caller.workspaceSlug });
    return Response.json(await cardJson(card, request), {
      headers: { "Cache-Control": "no-store", Vary: "A2A-Version, Authorization", ...rateLimitHeaders(rateLimit) },
    });
  } catch (error) {
    const r = refusal(error, rateLimit);
    return errorResponse(r.status, r.code, r.message, { headers: r.headers });
  }
}

export async function agentDirectoryResponse(request: Request, params: Params): Promise<Response> {
  let rateLimit: RateLimitState | null = null;
  try {
    const { workspaceSlug } = await params;
    const caller = await authorizeWorkspace(request, param(workspaceSlug), (state) => (rateLimit = state));
    const origin = publicOriginFor(request);
    const agents = await Promise.all(
      (await listPublishedFlows(caller.key.workspaceId)).map(async (flow) => {
        const urls = flowAgentUrls(origin, caller.workspaceSlug, flow.slug);
        const card = buildAgentCard(flow, { origin, workspaceSlug: caller.workspaceSlug });
        return {
          flow: flow.slug,
          name: flow.name,
          cardUrl: urls.card,
          endpoint: urls.endpoint,
          card: await cardJson(card, request),
        };
      }),
    );
    return Response.json(
      { workspace: caller.workspaceSlug, agents },
      { headers: { "Cache-Control": "no-store", Vary: "A2A-Version, Authorization", ...rateLimitHeaders(rateLimit) } },
    );
  } catch (error) {
    const r = refusal(error, rateLimit);
    return errorResponse(r.status, r.code, r.message, { headers: r.headers });
  }
}
