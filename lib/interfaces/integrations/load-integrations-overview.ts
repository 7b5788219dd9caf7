// Reads what Settings → Integrations shows. Only summaries cross this line: OTel's endpoint without headers, SSO's
// issuer and button name without the client secret.
import "server-only";
import { SsoConfigError, ssoConfigFromEnv } from "@/lib/platform/auth/sso/config";
import { listPublishedFlows } from "@/lib/interfaces/published-flows/published-flows";
import { otelExportSummary } from "@/lib/interfaces/otel/config";
import { prepareIntegrationsOverview, type IntegrationsOverview, type SsoStatus } from "./integrations-overview";

function ssoStatus(): SsoStatus {
  try {
    const sso = ssoConfigFromEnv();
    return sso ? { state: "on", issuer: sso.issuer, name: sso.name } : { state: "off" };
  } catch (error) {
    // The problems name variables and expected shapes, never values of secrets.
    if (error instanceof SsoConfigError) return { state: "invalid", problems: error.problems };
    throw error;
  }
}

export async function loadIntegrationsOverview(options: {
  workspaceId: string;
  workspaceSlug: string;
  origin: string;
}): Promise<IntegrationsOverview> {
  return prepareIntegrationsOverview({
    origin: options.origin,
    workspaceSlug: options.workspaceSlug,
    flows: await listPublishedFlows(options.workspaceId),
    telemetry: otelExportSummary(),
    sso: ssoStatus(),
  });
}
