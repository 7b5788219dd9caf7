// A published flow as an A2A agent card (protocol v1.0, with a v0.3 mirror interface on the same JSON-RPC URL so
// older clients can call it too). Pure: the caller passes the origin, so tests and the directory build the same card.
import type { AgentCard, AgentSkill } from "@a2a-js/sdk";
import { duplicateInterfacesForLegacy } from "@a2a-js/sdk/compat/v0_3";
import type { PublishedFlow } from "@/lib/interfaces/published-flows/published-flows";
import { publicOrigin } from "@/lib/platform/http/public-origin";
import { processEnv } from "@/lib/platform/config";

export const A2A_SECURITY_SCHEME = "switchboardApiKey";
const TEXT = "text/plain";

/** Where the card and the JSON-RPC endpoint of a flow live. */
export function flowAgentUrls(
  origin: string,
  workspaceSlug: string,
  flowSlug: string,
): { endpoint: string; card: string } {
  const endpoint = `${origin.replace(/\/+$/, "")}/api/a2a/${encodeURIComponent(workspaceSlug)}/${encodeURIComponent(flowSlug)}`;
  return { endpoint, card: `${endpoint}/.well-known/agent-card.json` };
}

/** NEXTAUTH_URL when it is set (the origin clients know), else the origin this request reached. */
export function publicOriginFor(request: Request, env: NodeJS.ProcessEnv = processEnv()): string {
  return publicOrigin({ fallback: new URL(request.url).origin, env });
}

function skillsFor(flow: PublishedFlow): AgentSkill[] {
  const base = { tags: [flow.slug], inputModes: [TEXT], outputModes: [TEXT], securityRequirements: [] };
  if (flow.routes.length === 0) {
    return [
      {
        ...base,
        id: flow.slug,
        name: flow.name,
        description: flow.description || `Talk to the ${flow.name} flow.`,
        examples: [],
      },
    ];
  }
  return flow.routes.map((route) => ({
    ...base,
    id: route.id,
    name: route.label,
    description: `${route.label}, handled by the ${flow.name} flow.`,
    examples: route.examples,
  }));
}

export function buildAgentCard(flow: PublishedFlow, options: { origin: string; workspaceSlug: string }): AgentCard {
  const { endpoint } = flowAgentUrls(options.origin, options.workspaceSlug, flow.slug);
  return {
    name: flow.name,
    description: flow.description || `The ${flow.name} flow of this Switchboard workspace.`,
    version: String(flow.versionNumber ?? 1),
    supportedInterfaces: duplicateInterfacesForLegacy(
      [{ url: endpoint, protocolBinding: "JSONRPC", tenant: "", protocolVersion: "1.0" }],
      ["JSONRPC"],
    ),
    provider: { organization: "Switchboard", url: options.origin },
    capabilities: { streaming: true, pushNotifications: false, extendedAgentCard: false, extensions: [] },
    securitySchemes: {
      [A2A_SECURITY_SCHEME]: {
        scheme: {
          $case: "httpAuthSecurityScheme",
          value: {
            scheme: "Bearer",
            bearerFormat: "Switchboard API key",
            description: "A workspace API key (Settings → API keys): Authorization: Bearer <key>.",
          },
        },
      },
    },
    securityRequirements: [{ schemes: { [A2A_SECURITY_SCHEME]: { list: [] } } }],
    defaultInputModes: [TEXT],
    defaultOutputModes: [TEXT],
    skills: skillsFor(flow),
    signatures: [],
  };
}
