// How the console names an escalation an external contact centre handles. Deleting the endpoint sets
// handoffEndpointId to null, which hands its escalations back to the inbox (claimable again).

export type HandoffView = { endpoint: string; externalRef: string | null };

export function handoffView(escalation: {
  handoffEndpointId: string | null;
  handoffEndpoint: { name: string } | null;
  externalRef: string | null;
}): HandoffView | null {
  if (!escalation.handoffEndpointId || !escalation.handoffEndpoint) return null;
  return { endpoint: escalation.handoffEndpoint.name, externalRef: escalation.externalRef };
}

/** "With Acme CC (ref CASE-42)". */
export function handoffLabel(view: HandoffView): string {
  return `With ${view.endpoint}${view.externalRef ? ` (ref ${view.externalRef})` : ""}`;
}
