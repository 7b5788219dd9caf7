// Where a person can hand a conversation back to its flow: the nodes that make sense to resume at (agents, routers
// and responses), agents first since they pick up what the customer said. Pure.

export type HandBackTarget = { id: string; label: string; kind: "agent" | "router" | "response" };

const ORDER = { agent: 0, router: 1, response: 2 } as const;
const KIND_LABEL = { agent: "agent", router: "router", response: "response" } as const;

export function handBackTargets(nodes: { id: string; kind: string; label: string }[]): HandBackTarget[] {
  return nodes
    .filter((n): n is { id: string; kind: HandBackTarget["kind"]; label: string } => n.kind in ORDER)
    .map((n) => ({ id: n.id, kind: n.kind, label: `${n.label || n.id} (${KIND_LABEL[n.kind]})` }))
    .sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.label.localeCompare(b.label));
}

/**
 * Where handing back should start: the node the conversation was escalated from when a person can resume there (an
 * agent that failed, a router that was unsure); when that node is an escalation step, the target that led into it
 * (the agent or router whose route escalated); otherwise the first target. Old escalations without a recorded node
 * keep the first target.
 */
export function defaultHandBackTarget(
  targets: HandBackTarget[],
  escalatedFrom: string | null,
  edges: { source: string; target: string }[],
): string | null {
  if (targets.length === 0) return null;
  const ids = new Set(targets.map((t) => t.id));
  if (escalatedFrom && ids.has(escalatedFrom)) return escalatedFrom;
  if (escalatedFrom) {
    const before = targets.find((t) => edges.some((e) => e.target === escalatedFrom && e.source === t.id));
    if (before) return before.id;
  }
  return targets[0].id;
}
