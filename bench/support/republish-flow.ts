// Benches change a flow on their throw-away database (limits raised, a router's mode, examples held out) and publish
// the result as the flow's next version, trained by publishing itself. Call after DATABASE_URL points at that
// database (the app's modules read it on first use).

/** Saves `draft` as the flow's draft and publishes it; its classifiers are trained before the transaction opens. */
export async function republishFlow(flowId: string, draft: object, note: string): Promise<void> {
  const { db } = await import("@/lib/platform/db/client");
  const { pretrainModels, publishFlow } = await import("@/lib/features/flows/publish-flow");
  await pretrainModels(draft);
  await db().$transaction(
    async (tx) => {
      await tx.flow.update({ where: { id: flowId }, data: { draft } });
      await publishFlow(tx, { flowId, note, actor: { type: "system", label: "bench" } });
    },
    // A model pretraining could not cache (a failed set) is trained again inside.
    { timeout: 120_000 },
  );
}
