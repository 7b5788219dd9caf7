// Running a suite: every case replays its customer script on a fresh test-channel conversation of the run's version
// (a draft through its hidden test version), through the engine's normal command path, and is judged against its
// expectations. Eval conversations carry the run's id: they never count as operations, and their side-effecting
// tools run dry (lib/runtime/engine/nodes/run-builtin-tool.ts, run-external-tool.ts).
import "server-only";
import type { Task } from "graphile-worker";
import { auditLog } from "@/lib/platform/audit/audit-log";
import type { Member } from "@/lib/platform/auth/current-member";
import { can } from "@/lib/model/permissions";
import { db, type Tx } from "@/lib/platform/db/client";
import { sendCustomerMessage } from "@/lib/runtime/engine/commands/send-customer-message";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { AppError } from "@/lib/model/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import { ensureTestVersion } from "@/lib/features/flows/test-version";
import {
  caseExpectationsSchema,
  caseTurnsSchema,
  matchExpectations,
  type CheckResult,
  type RouteResult,
} from "./expectations";
import { observeConversation } from "./observe-conversation";
import { caseTarget, heldOutTarget } from "./run-held-out";
import { config } from "@/lib/platform/config";
import { versionNameDisplay } from "@/lib/features/evals/suite-flow-names";

export const EVAL_RUN_TASK = "eval_run";

/**
 * One graphile-worker queue for all eval runs: a run occupies a worker slot while it waits for its turns, which other
 * slots process, so runs go one at a time and can never take every slot and starve their own turns.
 */
const EVAL_QUEUE = "eval_runs";
const EVAL_RUN_MAX_ATTEMPTS = 3;

/** How long one turn may take before the case fails (the engine's worker normally answers in well under a second). */
const TURN_WAIT_MS = config().EVAL_TURN_WAIT_MS;

const ACTOR = { type: "system", label: "Evaluation run" } as const;

type RunInput = { suiteId: string; target: "draft" } | { suiteId: string; target: "version"; versionId: string };

/** Creates the run (queued) and its job in the caller's transaction: the run exists exactly when it will execute. */
export async function createEvalRun(tx: Tx, member: Member, input: RunInput): Promise<{ runId: string }> {
  if (!can(member.role, "eval.run"))
    throw new AppError("FORBIDDEN", { userMessage: "Your role cannot run evaluation suites." });
  const suite = await tx.evalSuite.findFirst({
    where: { id: input.suiteId, workspaceId: member.workspaceId },
    select: { id: true, flowId: true, _count: { select: { cases: true } } },
  });
  if (!suite) throw new AppError("NOT_FOUND", { userMessage: "That suite does not exist in this workspace." });
  if (suite._count.cases === 0)
    throw new AppError("VALIDATION", { userMessage: "Add a case to the suite before running it." });

  let target: { flowVersionId: string; draftRevision: number | null };
  if (input.target === "draft") {
    const flow = await tx.flow.findFirstOrThrow({
      where: { id: suite.flowId, workspaceId: member.workspaceId },
      select: { draftRevision: true },
    });
    const test = await ensureTestVersion(tx, {
      workspaceId: member.workspaceId,
      flowId: suite.flowId,
      baseRevision: flow.draftRevision,
      userId: member.userId,
    });
    target = { flowVersionId: test.versionId, draftRevision: test.draftRevision };
  } else {
    const version = await tx.flowVersion.findFirst({
      where: { id: input.versionId, flowId: suite.flowId, kind: "published" },
      select: { id: true },
    });
    if (!version)
      throw new AppError("NOT_FOUND", { userMessage: "That version does not exist for this suite's flow." });
    target = { flowVersionId: version.id, draftRevision: null };
  }

  const run = await tx.evalRun.create({
    data: {
      workspaceId: member.workspaceId,
      suiteId: suite.id,
      flowId: suite.flowId,
      flowVersionId: target.flowVersionId,
      target: input.target,
      draftRevision: target.draftRevision,
      total: suite._count.cases,
      startedById: member.userId,
    },
    select: { id: true },
  });
  await tx.$executeRaw`SELECT graphile_worker.add_job(${EVAL_RUN_TASK}, json_build_object('runId', ${run.id}::text), queue_name => ${EVAL_QUEUE}, max_attempts => ${EVAL_RUN_MAX_ATTEMPTS})`;
  return { runId: run.id };
}

/** The worker's task: a run that still fails on its last attempt is marked failed rather than left "running". */
export const evalRunTask: Task = async (payload, helpers) => {
  const { runId } = payload as { runId: string };
  try {
    await executeEvalRun(runId);
  } catch (error) {
    if (helpers.job.attempts >= helpers.job.max_attempts) {
      const message = error instanceof Error ? error.message : String(error);
      await db().evalRun.updateMany({
        where: { id: runId, status: { in: ["queued", "running"] } },
        data: { status: "failed", error: message.slice(0, 2000), finishedAt: new Date() },
      });
    }
    throw error;
  }
};

/**
 * Runs every case not yet judged (a retried task resumes where it stopped), then marks the run done. A case that
 * throws is a failed result carrying the error, not a failed run.
 */
export async function executeEvalRun(runId: string): Promise<void> {
  const run = await db().evalRun.findUnique({ where: { id: runId } });
  if (!run || run.status === "done" || run.status === "failed") return;
  if (run.status === "queued") {
    await db().$transaction(async (tx) => {
      const claimed = await tx.evalRun.updateMany({
        where: { id: runId, status: "queued" },
        data: { status: "running", startedAt: new Date() },
      });
      if (claimed.count === 0) return;
      await auditLog(
        {
          workspaceId: run.workspaceId,
          actor: ACTOR,
          action: "eval_run.started",
          resourceType: "eval_run",
          resourceId: run.id,
          after: {
            suiteId: run.suiteId,
            target: run.target,
            flowVersionId: run.flowVersionId,
            draftRevision: run.draftRevision,
          },
          metadata: { startedById: run.startedById },
        },
        tx,
      );
    });
  }

  const [cases, judged] = await Promise.all([
    db().evalCase.findMany({
      where: { suiteId: run.suiteId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, turns: true, expectations: true, customerRef: true, source: true, simulatedFrom: true },
    }),
    db().evalCaseResult.findMany({ where: { runId }, select: { caseId: true } }),
  ]);
  const done = new Set(judged.map((result) => result.caseId));
  // Simulated cases made from held-out examples are judged by a router that was not trained on them.
  // Should training fail, they run on the version itself and are labelled optimistic rather than fail the run.
  const heldOut = cases.some((c) => !done.has(c.id) && c.source === "simulated" && c.simulatedFrom.length)
    ? await heldOutTarget(run).catch((error: unknown) => {
        console.warn(`[evals] run ${run.id}: no held-out router`, error instanceof Error ? error.message : error);
        return null;
      })
    : null;
  // Checks name routes and tools as the run's version labels them (a held-out copy has the same names).
  const display = await versionNameDisplay(db(), run.flowVersionId);
  for (const evalCase of cases) {
    if (done.has(evalCase.id)) continue;
    const { versionId, basis } = caseTarget(evalCase, run.flowVersionId, heldOut);
    const result = await runCase({ ...run, flowVersionId: versionId }, evalCase, display);
    const data = {
      routingBasis: basis,
      conversationId: result.conversationId,
      passed: result.passed,
      checks: result.checks as unknown as Prisma.InputJsonValue,
      routes: result.routes as unknown as Prisma.InputJsonValue,
      error: result.error,
      durationMs: result.durationMs,
      offlineReplies: result.offlineReplies,
    };
    await db().evalCaseResult.upsert({
      where: { runId_caseId: { runId, caseId: evalCase.id } },
      create: { runId, caseId: evalCase.id, ...data },
      update: data,
    });
  }

  await db().$transaction(async (tx) => {
    // Cases deleted while the run went on took their results with them: count what is there.
    // In turn: a transaction is one connection, and overlapping queries on it are deprecated in pg.
    const total = await tx.evalCaseResult.count({ where: { runId } });
    const passed = await tx.evalCaseResult.count({ where: { runId, passed: true } });
    const finished = await tx.evalRun.updateMany({
      where: { id: runId, status: "running" },
      data: { status: "done", total, passed, finishedAt: new Date() },
    });
    if (finished.count === 0) return;
    await auditLog(
      {
        workspaceId: run.workspaceId,
        actor: ACTOR,
        action: "eval_run.finished",
        resourceType: "eval_run",
        resourceId: run.id,
        after: { status: "done", total, passed, passRate: total === 0 ? null : passed / total },
        metadata: {
          suiteId: run.suiteId,
          flowVersionId: run.flowVersionId,
          heldOutVersionId: heldOut?.versionId ?? run.heldOutVersionId,
        },
      },
      tx,
    );
  });
}

type CaseOutcome = {
  conversationId: string | null;
  passed: boolean;
  checks: CheckResult[];
  routes: RouteResult[];
  error: string | null;
  durationMs: number;
  /** Replies the offline stand-in wrote (Message.offline). */
  offlineReplies: number;
};

/** The customer a case runs as, in the run's workspace only: a ref that names no one there is the case's error. */
async function caseCustomerId(workspaceId: string, ref: string): Promise<string> {
  const customer = await db().customer.findUnique({
    where: { workspaceId_ref: { workspaceId, ref } },
    select: { id: true },
  });
  if (!customer)
    throw new AppError("NOT_FOUND", {
      userMessage: `The case runs as customer “${ref}”, who does not exist in this workspace.`,
    });
  return customer.id;
}

async function runCase(
  run: { id: string; workspaceId: string; flowVersionId: string },
  evalCase: { id: string; turns: unknown; expectations: unknown; customerRef: string | null },
  display: (kind: "route" | "tool", name: string) => string,
): Promise<CaseOutcome> {
  const started = performance.now();
  let conversationId: string | null = null;
  try {
    const turns = caseTurnsSchema.parse(evalCase.turns);
    const expectations = caseExpectationsSchema.parse(evalCase.expectations);
    const customerId = evalCase.customerRef ? await caseCustomerId(run.workspaceId, evalCase.customerRef) : null;
    const conversation = await startConversation({
      workspaceId: run.workspaceId,
      versionId: run.flowVersionId,
      evalRunId: run.id,
      channel: TEST_CHANNEL,
      customerId,
    });
    conversationId = conversation.id;
    for (const [index, text] of turns.entries()) {
      const turn = await sendCustomerMessage({
        workspaceId: run.workspaceId,
        conversationId,
        text,
        actor: { ...ACTOR, id: null },
        waitMs: TURN_WAIT_MS,
      });
      if (!turn.done) throw new Error(`Turn ${index + 1} did not finish within ${Math.round(TURN_WAIT_MS / 1000)} s.`);
      // The script goes on as a customer's messages would, and the engine decides what each one does: it answers
      // while an approval waits (no one approves during an evaluation), holds a message for the person who has the
      // conversation, and reopens a resolved or abandoned one (within the workspace's reopen window). Only a failed
      // conversation is never reopened: the script stops there, and later turns are reported as not reached. The
      // final status is the one after the last turn that ran.
      if (turn.conversation.status === "failed") break;
      // A message the engine could not process is not a behaviour to judge: the case fails with the engine's reason.
      if (turn.error) throw new Error(`Turn ${index + 1} failed: ${turn.error}`);
    }
    const observed = await observeConversation(conversationId);
    const matched = matchExpectations(observed, expectations, display);
    return {
      conversationId,
      ...matched,
      error: null,
      durationMs: Math.round(performance.now() - started),
      offlineReplies: observed.offlineReplies,
    };
  } catch (error) {
    const message =
      error instanceof AppError ? error.userMessage : error instanceof Error ? error.message : String(error);
    return {
      conversationId,
      passed: false,
      checks: [],
      routes: [],
      error: message.slice(0, 2000),
      durationMs: Math.round(performance.now() - started),
      offlineReplies: 0,
    };
  }
}
