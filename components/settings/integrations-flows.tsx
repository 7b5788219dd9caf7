import { Workflow } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Time } from "@/components/ui/time";
import type { IntegrationFlowRow } from "@/lib/interfaces/integrations/integrations-overview";
import { CopyField } from "./integrations-copy-button";

/** Each callable flow with the addresses other agents use: its MCP tool and its A2A card and endpoint. */
export function IntegrationsFlows({ flows }: { flows: IntegrationFlowRow[] }) {
  if (flows.length === 0) {
    return (
      <div className="p-4">
        <EmptyState
          icon={Workflow}
          title="No flow can be called from outside yet"
          action={
            <Link href="/flows" className={buttonClass("secondary", "sm")}>
              Open flows
            </Link>
          }
        >
          A flow appears here once it is published and its Start node accepts the API channel. Then it is an A2A agent
          and an MCP tool at the addresses listed here.
        </EmptyState>
      </div>
    );
  }
  return (
    <ul className="divide-y divide-slate-100" aria-label="Published flows">
      {flows.map((flow) => (
        <li key={flow.slug} className="space-y-3 px-4 py-4" data-testid={`integration-flow-${flow.slug}`}>
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <h3 className="text-sm font-semibold text-slate-900">{flow.name}</h3>
            <span className="font-mono text-xs text-slate-500">{flow.slug}</span>
            {flow.version !== null ? <Badge tone="green">v{flow.version} published</Badge> : null}
            {flow.publishedAt ? (
              <span className="text-xs text-slate-500">
                <Time value={flow.publishedAt} mode="relative" />
              </span>
            ) : null}
          </div>
          {flow.description ? <p className="text-sm text-slate-600">{flow.description}</p> : null}
          <dl className="grid gap-2 sm:grid-cols-[10rem_minmax(0,1fr)] sm:items-center">
            <dt className="text-xs font-medium text-slate-500">MCP tool</dt>
            <dd className="min-w-0">
              <CopyField value={flow.mcpToolName} label={`MCP tool name of ${flow.name}`} />
            </dd>
            <dt className="text-xs font-medium text-slate-500">A2A agent card</dt>
            <dd className="min-w-0">
              <CopyField value={flow.a2aCardUrl} label={`A2A agent card URL of ${flow.name}`} testId="a2a-card-url" />
            </dd>
            <dt className="text-xs font-medium text-slate-500">A2A JSON-RPC endpoint</dt>
            <dd className="min-w-0">
              <CopyField
                value={flow.a2aEndpointUrl}
                label={`A2A JSON-RPC URL of ${flow.name}`}
                testId="a2a-endpoint-url"
              />
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
