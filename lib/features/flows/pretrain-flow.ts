// What the publish, rollback and test actions train before their transaction opens (defineAction's `prepare`): the
// graph they are about to freeze, read without a lock. Should it change in between, freezeVersion trains the new one.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { pretrainModels } from "./publish-flow";

/** The saved draft of a flow in the workspace, or (with `versionNumber`) one of its published versions. */
export async function pretrainFlow(options: {
  workspaceId: string;
  flowId: string;
  versionNumber?: number;
}): Promise<void> {
  const { workspaceId, flowId, versionNumber } = options;
  if (versionNumber === undefined) {
    const flow = await db().flow.findFirst({ where: { id: flowId, workspaceId }, select: { draft: true } });
    if (flow) await pretrainModels(flow.draft);
    return;
  }
  const version = await db().flowVersion.findFirst({
    where: { flowId, number: versionNumber, kind: "published", flow: { workspaceId } },
    select: { graph: true },
  });
  if (version) await pretrainModels(version.graph);
}
