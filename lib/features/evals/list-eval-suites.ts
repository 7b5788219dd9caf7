// The Evals overview: every flow of the workspace with its suites, each with its case count and latest run.
import "server-only";
import { db } from "@/lib/platform/db/client";

export type EvalRunSummary = {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  total: number;
  passed: number;
  target: string;
  createdAt: Date;
};
export type EvalSuiteRow = {
  id: string;
  name: string;
  description: string;
  passThreshold: number;
  gatesPublish: boolean;
  caseCount: number;
  latestRun: EvalRunSummary | null;
};
export type EvalFlowGroup = { id: string; name: string; slug: string; suites: EvalSuiteRow[] };

export async function listEvalSuites(workspaceId: string): Promise<EvalFlowGroup[]> {
  const [flows, suites] = await Promise.all([
    db().flow.findMany({
      where: { workspaceId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, slug: true },
    }),
    db().evalSuite.findMany({
      where: { workspaceId },
      orderBy: { name: "asc" },
      select: {
        id: true,
        flowId: true,
        name: true,
        description: true,
        passThreshold: true,
        gatesPublish: true,
        _count: { select: { cases: true } },
        runs: {
          orderBy: { createdAt: "desc" },
          take: 1,
          select: { id: true, status: true, total: true, passed: true, target: true, createdAt: true },
        },
      },
    }),
  ]);
  return flows.map((flow) => ({
    ...flow,
    suites: suites
      .filter((s) => s.flowId === flow.id)
      .map((s) => ({
        id: s.id,
        name: s.name,
        description: s.description,
        passThreshold: s.passThreshold,
        gatesPublish: s.gatesPublish,
        caseCount: s._count.cases,
        latestRun: s.runs[0] ?? null,
      })),
  }));
}

/** The suites a conversation of this flow can be saved into ("Save as test case"). */
export async function listEvalSuitesOfFlow(
  workspaceId: string,
  flowId: string,
): Promise<{ id: string; name: string; caseCount: number }[]> {
  const suites = await db().evalSuite.findMany({
    where: { workspaceId, flowId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, _count: { select: { cases: true } } },
  });
  return suites.map((s) => ({ id: s.id, name: s.name, caseCount: s._count.cases }));
}
