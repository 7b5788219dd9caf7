// Rollback never rewrites history: it publishes an older version's graph as a NEW version (n+1) and makes the
// draft that graph, so what is live, what the editor shows and the history all agree.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { emitFlowPublished } from "@/lib/runtime/webhooks/emit-events";
import { diffForAudit, type DiffAudit } from "@/lib/model/flow/diff-audit";
import { lockFlow } from "./flow-access";
import { blockingIssuesError, freezeVersion, nextVersionNumber } from "./publish-flow";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import { hasBlockingIssues, validateFlow } from "@/lib/model/validation/validate-flow";
import { modelAvailability } from "./model-availability";

export type RollbackResult = {
  versionId: string;
  number: number;
  fromNumber: number;
  previousNumber: number | null;
  flowSlug: string;
  note: string;
  draftRevision: number;
  previousDraftRevision: number;
  diff: DiffAudit;
};

export function rollbackNote(fromNumber: number, note: string): string {
  return `Rollback to v${fromNumber}: ${note}`;
}

export async function rollbackFlow(
  tx: Tx,
  options: { workspaceId: string; flowId: string; versionNumber: number; note: string; userId: string | null },
): Promise<RollbackResult> {
  const flow = await lockFlow(tx, options.workspaceId, options.flowId);
  const target = await tx.flowVersion.findFirst({
    where: { flowId: flow.id, kind: "published", number: options.versionNumber },
    select: { id: true, number: true, graph: true },
  });
  if (!target) throw new AppError("NOT_FOUND", { userMessage: `This flow has no version v${options.versionNumber}.` });
  if (target.id === flow.publishedVersionId) {
    throw new AppError("CONFLICT", { userMessage: `v${options.versionNumber} is already the live version.` });
  }
  const parsed = flowGraphSchema.safeParse(target.graph);
  if (!parsed.success) {
    throw new AppError("VALIDATION", {
      message: parsed.error.message,
      userMessage: `v${options.versionNumber} was saved in an older format this version of Switchboard cannot run, so it cannot be rolled back to.`,
    });
  }
  const graph = parsed.data;
  const issues = validateFlow(graph, { models: await modelAvailability(options.workspaceId, tx) });
  if (hasBlockingIssues(issues)) throw blockingIssuesError(issues, graph, `rolling back to v${options.versionNumber}`);

  const live = flow.publishedVersionId
    ? await tx.flowVersion.findUnique({ where: { id: flow.publishedVersionId }, select: { number: true, graph: true } })
    : null;
  const number = await nextVersionNumber(tx, flow.id);
  const note = rollbackNote(options.versionNumber, options.note);
  const version = await freezeVersion(tx, {
    flowId: flow.id,
    graph,
    kind: "published",
    number,
    note,
    createdById: options.userId,
  });
  const updated = await tx.flow.update({
    where: { id: flow.id },
    data: {
      publishedVersionId: version.id,
      draft: graph as unknown as Prisma.InputJsonValue,
      draftRevision: { increment: 1 },
      draftUpdatedAt: new Date(),
      draftUpdatedById: options.userId,
    },
    select: { draftRevision: true },
  });
  await emitFlowPublished(tx, {
    workspaceId: options.workspaceId,
    flowId: flow.id,
    versionId: version.id,
    number,
    previousNumber: live?.number ?? null,
    note,
    actor: { userId: options.userId },
    rollback: { fromNumber: options.versionNumber },
  });
  return {
    versionId: version.id,
    number,
    fromNumber: options.versionNumber,
    previousNumber: live?.number ?? null,
    flowSlug: flow.slug,
    note,
    draftRevision: updated.draftRevision,
    previousDraftRevision: flow.draftRevision,
    diff: diffForAudit(live ? live.graph : null, graph),
  };
}
