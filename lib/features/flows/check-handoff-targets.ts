// Publishing checks what the graph alone cannot: that every escalate node's `handoff` names a handoff endpoint of the
// workspace. (At run time the engine re-checks and falls back to the inbox, with a note, if it is gone or switched off.)
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import type { FlowGraph } from "@/lib/model/flow/schema";
import type { FlowIssue } from "@/lib/model/validation/flow-issue";

export async function checkHandoffTargets(tx: Tx, workspaceId: string, graph: FlowGraph): Promise<FlowIssue[]> {
  const named = graph.nodes.flatMap((node) =>
    node.kind === "escalate" && node.config.handoff ? [{ node, name: node.config.handoff }] : [],
  );
  if (named.length === 0) return [];
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { workspaceId, kind: "handoff", name: { in: [...new Set(named.map((n) => n.name))] } },
    select: { name: true, active: true },
  });
  const byName = new Map(endpoints.map((e) => [e.name, e]));
  return named.flatMap(({ node, name }): FlowIssue[] => {
    const endpoint = byName.get(name);
    if (!endpoint) {
      return [
        {
          severity: "error",
          code: "handoff_unknown",
          nodeId: node.id,
          path: ["config", "handoff"],
          message: `No handoff endpoint named “${name}” in this workspace (Settings → Webhooks).`,
        },
      ];
    }
    if (!endpoint.active) {
      return [
        {
          severity: "warning",
          code: "handoff_inactive",
          nodeId: node.id,
          path: ["config", "handoff"],
          message: `The handoff endpoint “${name}” is switched off: escalations go to the inbox until it is on.`,
        },
      ];
    }
    return [];
  });
}
