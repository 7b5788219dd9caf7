// One run's report: its results with case names and whether each case's test conversation still exists, the other
// runs of the same suite (to compare with), and the compared run's results when one is chosen.
import "server-only";
import { db } from "@/lib/platform/db/client";
import type { RunResultInput } from "@/lib/features/evals/prepare-run-report";
import { runTargetLabel, type EvalRunRow } from "./get-eval-suite";

export type EvalRunHeader = Omit<EvalRunRow, "target"> & { startedAt: Date | null };

export type EvalRunDetail = {
  run: EvalRunHeader;
  suite: { id: string; name: string; passThreshold: number; gatesPublish: boolean };
  flow: { id: string; name: string };
  results: RunResultInput[];
  /** The share of each route's examples held out of the router its simulated cases ran on; null: none held out. */
  heldOutShare: number | null;
  otherRuns: { id: string; label: string; status: EvalRunHeader["status"] }[];
  compare: { run: EvalRunHeader; results: RunResultInput[] } | null;
};

export async function getEvalRun(
  workspaceId: string,
  runId: string,
  compareRunId?: string | null,
): Promise<EvalRunDetail | null> {
  const run = await db().evalRun.findFirst({
    where: { id: runId, workspaceId },
    include: {
      suite: {
        select: {
          id: true,
          name: true,
          passThreshold: true,
          gatesPublish: true,
          flow: { select: { id: true, name: true } },
        },
      },
    },
  });
  if (!run) return null;
  const siblings = await db().evalRun.findMany({
    where: { suiteId: run.suiteId, workspaceId, NOT: { id: run.id } },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  const compareRow = compareRunId ? (siblings.find((s) => s.id === compareRunId) ?? null) : null;
  const versionIds = [...new Set([run, ...siblings].map((r) => r.flowVersionId))];
  const userIds = [...new Set([run, compareRow].map((r) => r?.startedById).filter((v): v is string => !!v))];
  const [versions, users, results, compareResults] = await Promise.all([
    db().flowVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, number: true } }),
    db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
    loadResults(workspaceId, run.id),
    compareRow ? loadResults(workspaceId, compareRow.id) : Promise.resolve([]),
  ]);
  const versionNumber = new Map(versions.map((v) => [v.id, v.number ?? undefined]));
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const header = (r: typeof run | (typeof siblings)[number]): EvalRunHeader => ({
    id: r.id,
    status: r.status,
    targetLabel: runTargetLabel(r.target, r.draftRevision, versionNumber.get(r.flowVersionId)),
    total: r.total,
    passed: r.passed,
    error: r.error,
    startedBy: r.startedById ? (userName.get(r.startedById) ?? "a former member") : null,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  });
  return {
    run: header(run),
    suite: {
      id: run.suite.id,
      name: run.suite.name,
      passThreshold: run.suite.passThreshold,
      gatesPublish: run.suite.gatesPublish,
    },
    flow: run.suite.flow,
    results,
    heldOutShare: run.heldOutShare,
    otherRuns: siblings.map((s) => ({
      id: s.id,
      status: s.status,
      label: `${runTargetLabel(s.target, s.draftRevision, versionNumber.get(s.flowVersionId))} · ${s.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    })),
    compare: compareRow ? { run: header(compareRow), results: compareResults } : null,
  };
}

async function loadResults(workspaceId: string, runId: string): Promise<RunResultInput[]> {
  const rows = await db().evalCaseResult.findMany({
    where: { runId },
    include: { case: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  const conversationIds = rows.map((r) => r.conversationId).filter((v): v is string => !!v);
  const existing = new Set(
    (
      await db().conversation.findMany({ where: { id: { in: conversationIds }, workspaceId }, select: { id: true } })
    ).map((c) => c.id),
  );
  return rows.map((r) => ({
    caseId: r.caseId,
    caseName: r.case.name,
    passed: r.passed,
    checks: r.checks,
    routes: r.routes,
    error: r.error,
    durationMs: r.durationMs,
    routingBasis: r.routingBasis,
    offlineReplies: r.offlineReplies,
    conversationId: r.conversationId && existing.has(r.conversationId) ? r.conversationId : null,
  }));
}
