// Autosave of the editor's draft with optimistic concurrency: one UPDATE … WHERE draftRevision = baseRevision.
// A draft only has to be structurally valid (draftGraphSchema); incomplete settings and semantic errors are what validation shows while
// the designer works, and what publish refuses.
import "server-only";
import { canonicalJson } from "@/lib/model/canonical-json";
import type { Tx } from "@/lib/platform/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { diffForAudit, type DiffAudit } from "@/lib/model/flow/diff-audit";
import { draftConflict, findFlow } from "./flow-access";
import type { FlowGraph } from "@/lib/model/flow/schema";

export type SaveDraftResult = {
  revision: number;
  savedAt: Date;
  /** False when the graph was identical to the saved draft: nothing was written (and nothing is audited). */
  changed: boolean;
  flowSlug: string;
  previousRevision: number;
  diff: DiffAudit | null;
};

export async function saveDraft(
  tx: Tx,
  options: { workspaceId: string; flowId: string; baseRevision: number; graph: FlowGraph; userId: string | null },
): Promise<SaveDraftResult> {
  const flow = await findFlow(tx, options.workspaceId, options.flowId);
  if (flow.draftRevision !== options.baseRevision) {
    throw await draftConflict(tx, flow, { baseRevision: options.baseRevision, userId: options.userId });
  }
  if (canonicalJson(flow.draft) === canonicalJson(options.graph)) {
    return {
      revision: flow.draftRevision,
      savedAt: flow.draftUpdatedAt,
      changed: false,
      flowSlug: flow.slug,
      previousRevision: flow.draftRevision,
      diff: null,
    };
  }

  const savedAt = new Date();
  const updated = await tx.flow.updateMany({
    where: { id: flow.id, workspaceId: options.workspaceId, draftRevision: options.baseRevision },
    data: {
      draft: options.graph as unknown as Prisma.InputJsonValue,
      draftRevision: { increment: 1 },
      draftUpdatedAt: savedAt,
      draftUpdatedById: options.userId,
    },
  });
  if (updated.count === 0) {
    // Someone saved between the read and the update: report their save, not ours.
    const latest = await findFlow(tx, options.workspaceId, options.flowId);
    throw await draftConflict(tx, latest, { baseRevision: options.baseRevision, userId: options.userId });
  }
  return {
    revision: options.baseRevision + 1,
    savedAt,
    changed: true,
    flowSlug: flow.slug,
    previousRevision: options.baseRevision,
    diff: diffForAudit(flow.draft, options.graph),
  };
}
