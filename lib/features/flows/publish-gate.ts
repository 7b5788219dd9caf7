// Publish gates: every suite of a flow that gates publishing must have passed, on exactly the draft revision being
// published, at least its threshold and at least what the live version scored. This file gathers the runs; the
// decision itself is pure (gate-decision.ts). Rollback is not gated: it restores a version that was already live.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { decideGates, type GateInput, type GateReport, type GateRun } from "./gate-decision";

const RUN_FIELDS = { id: true, total: true, passed: true } as const;
// Latest finished first; createdAt breaks ties between runs finished in the same millisecond.
const LATEST_FINISHED = [{ finishedAt: "desc" as const }, { createdAt: "desc" as const }];

export async function checkPublishGates(
  tx: Tx,
  input: { workspaceId: string; flowId: string; draftRevision: number },
): Promise<GateReport> {
  const flow = await tx.flow.findFirst({
    where: { id: input.flowId, workspaceId: input.workspaceId },
    select: { publishedVersionId: true },
  });
  if (!flow) throw new AppError("NOT_FOUND", { userMessage: "That flow does not exist in this workspace." });

  const suites = await tx.evalSuite.findMany({
    where: { workspaceId: input.workspaceId, flowId: input.flowId, gatesPublish: true },
    select: { id: true, name: true, passThreshold: true, _count: { select: { cases: true } } },
    orderBy: { name: "asc" },
  });

  const inputs: GateInput[] = [];
  for (const suite of suites) {
    const draftRun: GateRun | null = await tx.evalRun.findFirst({
      where: { suiteId: suite.id, target: "draft", draftRevision: input.draftRevision, status: "done" },
      select: RUN_FIELDS,
      orderBy: LATEST_FINISHED,
    });
    const lastDraftRun = draftRun
      ? null
      : await tx.evalRun.findFirst({
          where: { suiteId: suite.id, target: "draft" },
          select: { draftRevision: true, status: true },
          orderBy: { createdAt: "desc" },
        });
    const liveRun: GateRun | null = flow.publishedVersionId
      ? await tx.evalRun.findFirst({
          where: { suiteId: suite.id, target: "version", flowVersionId: flow.publishedVersionId, status: "done" },
          select: RUN_FIELDS,
          orderBy: LATEST_FINISHED,
        })
      : null;
    const pending =
      !!lastDraftRun &&
      lastDraftRun.draftRevision === input.draftRevision &&
      (lastDraftRun.status === "queued" || lastDraftRun.status === "running");
    inputs.push({
      suiteId: suite.id,
      name: suite.name,
      threshold: suite.passThreshold,
      caseCount: suite._count.cases,
      draftRun,
      lastDraftRevision:
        lastDraftRun && lastDraftRun.draftRevision !== input.draftRevision ? lastDraftRun.draftRevision : null,
      draftRunPending: pending,
      liveRun,
    });
  }
  return decideGates(inputs);
}
