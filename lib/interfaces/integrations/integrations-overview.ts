// Settings → Integrations, prepared: every address another system needs to reach this workspace (A2A per flow, the
// MCP endpoint and client snippets) and whether exports and SSO are on. Pure: the page passes in what it read.
import { flowAgentUrls } from "@/lib/interfaces/a2a/agent-card";
import type { PublishedFlow } from "@/lib/interfaces/published-flows/published-flows";
import { MCP_ENDPOINT_PATH, mcpClientSnippets, type McpClientSnippet } from "./client-config";
import { flowToolSpecs } from "@/lib/interfaces/mcp-server/flow-tools";
import { trimOrigin } from "@/lib/platform/http/public-origin";

export type IntegrationFlowRow = {
  slug: string;
  name: string;
  description: string;
  version: number | null;
  publishedAt: string | null;
  mcpToolName: string;
  a2aCardUrl: string;
  a2aEndpointUrl: string;
};

export type SsoStatus =
  { state: "on"; issuer: string; name: string } | { state: "off" } | { state: "invalid"; problems: string[] };

export type IntegrationsOverview = {
  flows: IntegrationFlowRow[];
  /** Every agent card of the workspace in one response (the A2A routes' directory). */
  a2aDirectoryUrl: string;
  mcp: { endpoint: string; snippets: McpClientSnippet[] };
  telemetry: { endpoint: string } | null;
  sso: SsoStatus;
};

/**
 * The origin shown in copy-paste URLs: NEXTAUTH_URL (what clients outside know) when set, else the one the browser
 * used (from the forwarded or Host header). Display only: nothing here is trusted for access decisions.
 */
export function publicOrigin(options: {
  configured?: string | null;
  host?: string | null;
  forwardedHost?: string | null;
  forwardedProto?: string | null;
}): string {
  const configured = trimOrigin(options.configured);
  if (configured) return configured;
  const host = (options.forwardedHost ?? options.host ?? "").split(",")[0].trim();
  if (!host) return "";
  const proto =
    (options.forwardedProto ?? "").split(",")[0].trim() ||
    (/^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host) ? "http" : "https");
  return `${proto}://${host}`;
}

export function prepareIntegrationsOverview(options: {
  origin: string;
  workspaceSlug: string;
  flows: PublishedFlow[];
  telemetry: { endpoint: string } | null;
  sso: SsoStatus;
}): IntegrationsOverview {
  const tools = flowToolSpecs(options.flows);
  const endpoint = `${options.origin}${MCP_ENDPOINT_PATH}`;
  return {
    flows: options.flows.map((flow, i) => {
      const a2a = flowAgentUrls(options.origin, options.workspaceSlug, flow.slug);
      return {
        slug: flow.slug,
        name: flow.name,
        description: flow.description,
        version: flow.versionNumber,
        publishedAt: flow.publishedAt?.toISOString() ?? null,
        mcpToolName: tools[i].name,
        a2aCardUrl: a2a.card,
        a2aEndpointUrl: a2a.endpoint,
      };
    }),
    a2aDirectoryUrl: `${options.origin}/api/a2a/${encodeURIComponent(options.workspaceSlug)}`,
    mcp: { endpoint, snippets: mcpClientSnippets(endpoint) },
    telemetry: options.telemetry,
    sso: options.sso,
  };
}
