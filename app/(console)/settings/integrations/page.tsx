import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { CopyField } from "@/components/settings/integrations-copy-button";
import { IntegrationsFlows } from "@/components/settings/integrations-flows";
import { McpSnippets } from "@/components/settings/integrations-mcp-snippets";
import { SsoStatusTile, TelemetryStatus, WebhooksTile } from "@/components/settings/integrations-status";
import { linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { publicOrigin } from "@/lib/interfaces/integrations/integrations-overview";
import { loadIntegrationsOverview } from "@/lib/interfaces/integrations/load-integrations-overview";

export const metadata: Metadata = { title: "Integrations · Settings" };

export default async function IntegrationsPage() {
  const member = await requirePageMember("settings.read", "/settings/integrations");
  const h = await headers();
  const origin = publicOrigin({
    configured: process.env.NEXTAUTH_URL,
    host: h.get("host"),
    forwardedHost: h.get("x-forwarded-host"),
    forwardedProto: h.get("x-forwarded-proto"),
  });
  const overview = await loadIntegrationsOverview({
    workspaceId: member.workspaceId,
    workspaceSlug: member.workspaceSlug,
    origin,
  });
  const keysHint = can(member.role, "members.manage") ? (
    <Link href="/settings#api-keys-heading" className={linkClass}>
      Settings → API keys
    </Link>
  ) : (
    "Settings → API keys (an admin creates them)"
  );

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/settings" className={linkClass}>
            Settings
          </Link>
        }
        title="Integrations"
        description="How other agents, IDEs and your own systems reach this workspace's published flows, and what Switchboard sends out."
      />
      <div className="space-y-6">
        <div className="grid gap-4 md:grid-cols-3">
          <TelemetryStatus telemetry={overview.telemetry} />
          <SsoStatusTile sso={overview.sso} />
          <WebhooksTile />
        </div>

        <Card aria-labelledby="mcp-heading">
          <CardHeader
            id="mcp-heading"
            title="MCP server"
            description="Every published flow below is one tool (Streamable HTTP, stateless). Tools follow publishing: a new version or a new flow shows up on the client's next request."
          />
          <div className="space-y-4 px-4 py-4">
            <div className="grid gap-2 sm:grid-cols-[10rem_minmax(0,1fr)] sm:items-center">
              <span className="text-xs font-medium text-slate-500">Endpoint</span>
              <CopyField value={overview.mcp.endpoint} label="MCP endpoint URL" testId="mcp-endpoint" />
              <span className="text-xs font-medium text-slate-500">Authentication</span>
              <p className="text-sm text-slate-700">
                <code className="font-mono text-xs">Authorization: Bearer &lt;API key&gt;</code> with a workspace key
                from {keysHint}; the key&apos;s rate limit applies and every conversation it starts is audited under its
                name.
              </p>
            </div>
            <McpSnippets snippets={overview.mcp.snippets} />
          </div>
        </Card>

        <Card aria-labelledby="flows-heading">
          <CardHeader
            id="flows-heading"
            title={`Published flows · ${overview.flows.length}`}
            description="Each is an A2A agent (read its card, then send JSON-RPC to its endpoint; both with an API key) and an MCP tool. The directory lists every card at once."
          />
          {overview.flows.length > 0 ? (
            <div className="grid gap-2 border-b border-slate-100 px-4 py-3 sm:grid-cols-[10rem_minmax(0,1fr)] sm:items-center">
              <span className="text-xs font-medium text-slate-500">A2A directory</span>
              <CopyField value={overview.a2aDirectoryUrl} label="A2A directory URL" testId="a2a-directory-url" />
            </div>
          ) : null}
          <IntegrationsFlows flows={overview.flows} />
        </Card>
      </div>
    </>
  );
}
