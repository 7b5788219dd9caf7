// The demo permits lookup_order 120 times a minute per workspace, which a bench passes within seconds: its turns would
// then measure the refusal, not the lookup. Benches publish the flow again with its tools' per-minute limits raised,
// on their throw-away database only. Call after DATABASE_URL points at that database (the app's modules read it on
// first use).

/** Republishes the flow with every tool permission's per-minute limit at 100,000; returns how many it raised. */
export async function raiseToolLimits(workspaceId: string, flowSlug: string): Promise<number> {
  const { db } = await import("@/lib/platform/db/client");
  const { publishFlow } = await import("@/lib/features/flows/publish-flow");
  const flow = await db().flow.findUniqueOrThrow({ where: { workspaceId_slug: { workspaceId, slug: flowSlug } } });
  const draft = flow.draft as { edges: { permission?: { ratePerMinute?: number } }[] };
  let raised = 0;
  for (const edge of draft.edges) {
    if (!edge.permission?.ratePerMinute) continue;
    edge.permission.ratePerMinute = 100_000;
    raised++;
  }
  await db().$transaction(async (tx) => {
    await tx.flow.update({ where: { id: flow.id }, data: { draft } });
    await publishFlow(tx, {
      flowId: flow.id,
      note: "bench: tool rate limits raised",
      actor: { type: "system", label: "bench" },
    });
  });
  return raised;
}
