// One suite's page: its cases, the versions it can run against and its runs, newest first.
import "server-only";
import { db } from "@/lib/platform/db/client";
import type { CaseExpectations } from "@/lib/features/evals/expectations";
import { suiteFlowNames } from "@/lib/features/evals/suite-flow-names";
import type { FlowNames } from "@/lib/features/evals/expectation-names";

export type EvalRunRow = {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  target: "draft" | "version";
  targetLabel: string;
  total: number;
  passed: number;
  error: string | null;
  startedBy: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

export type EvalSuiteDetail = {
  id: string;
  name: string;
  description: string;
  passThreshold: number;
  gatesPublish: boolean;
  flow: { id: string; name: string; slug: string; publishedVersionId: string | null };
  cases: {
    id: string;
    name: string;
    turns: string[];
    expectations: CaseExpectations;
    /** The customer ref the case runs as (verified); null: an anonymous visitor. */
    customerRef: string | null;
    source: string;
    sourceConversationId: string | null;
    updatedAt: Date;
  }[];
  versions: { id: string; number: number; createdAt: Date; isPublished: boolean }[];
  runs: EvalRunRow[];
  /** The routes and tools cases may name (the draft's and the live version's), for the case form's choices. */
  names: FlowNames;
};

export const RUN_HISTORY_LIMIT = 50;

export async function getEvalSuite(workspaceId: string, suiteId: string): Promise<EvalSuiteDetail | null> {
  const suite = await db().evalSuite.findFirst({
    where: { id: suiteId, workspaceId },
    include: {
      flow: { select: { id: true, name: true, slug: true, publishedVersionId: true } },
      cases: { orderBy: { name: "asc" } },
      runs: { orderBy: { createdAt: "desc" }, take: RUN_HISTORY_LIMIT },
    },
  });
  if (!suite) return null;
  const [versions, starters, names] = await Promise.all([
    db().flowVersion.findMany({
      where: { flowId: suite.flowId, kind: "published" },
      orderBy: { number: "desc" },
      select: { id: true, number: true, createdAt: true },
    }),
    db().user.findMany({
      where: { id: { in: suite.runs.map((r) => r.startedById).filter((v): v is string => !!v) } },
      select: { id: true, name: true },
    }),
    suiteFlowNames(db(), suite.flowId),
  ]);
  const versionNumber = new Map(versions.map((v) => [v.id, v.number]));
  const starterName = new Map(starters.map((u) => [u.id, u.name]));
  return {
    id: suite.id,
    name: suite.name,
    description: suite.description,
    passThreshold: suite.passThreshold,
    gatesPublish: suite.gatesPublish,
    flow: suite.flow,
    names,
    cases: suite.cases.map((c) => ({
      id: c.id,
      name: c.name,
      turns: Array.isArray(c.turns) ? (c.turns as string[]) : [],
      expectations: (c.expectations ?? {}) as CaseExpectations,
      customerRef: c.customerRef,
      source: c.source,
      sourceConversationId: c.sourceConversationId,
      updatedAt: c.updatedAt,
    })),
    versions: versions.map((v) => ({
      id: v.id,
      number: v.number ?? 0,
      createdAt: v.createdAt,
      isPublished: v.id === suite.flow.publishedVersionId,
    })),
    runs: suite.runs.map((r) => runRow(r, versionNumber, starterName)),
  };
}

export function runTargetLabel(
  target: string,
  draftRevision: number | null,
  versionNumber: number | undefined,
): string {
  if (target === "draft") return draftRevision ? `Draft (revision ${draftRevision})` : "Draft";
  return versionNumber !== undefined ? `v${versionNumber}` : "a version";
}

function runRow(
  r: {
    id: string;
    status: EvalRunRow["status"];
    target: string;
    draftRevision: number | null;
    flowVersionId: string;
    total: number;
    passed: number;
    error: string | null;
    startedById: string | null;
    createdAt: Date;
    finishedAt: Date | null;
  },
  versionNumber: Map<string, number | null>,
  starterName: Map<string, string>,
): EvalRunRow {
  return {
    id: r.id,
    status: r.status,
    target: r.target === "draft" ? "draft" : "version",
    targetLabel: runTargetLabel(r.target, r.draftRevision, versionNumber.get(r.flowVersionId) ?? undefined),
    total: r.total,
    passed: r.passed,
    error: r.error,
    startedBy: r.startedById ? (starterName.get(r.startedById) ?? "a former member") : null,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
  };
}
