// Publishing freezes the draft into an immutable numbered version and trains each router's classifier on it,
// so a conversation pinned to a version always routes the same way. Test runs freeze the draft the same way into a
// hidden, unnumbered "test" version (test-version.ts); rollback publishes an older version's graph (rollback-flow.ts).
import "server-only";
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/model/canonical-json";
import { auditLog, type AuditActor } from "@/lib/platform/audit/audit-log";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { blockedMessage } from "@/lib/features/flows/gate-decision";
import { checkPublishGates } from "@/lib/features/flows/publish-gate";
import { type GateReport } from "@/lib/features/flows/gate-decision";
import type { Prisma } from "@/lib/generated/prisma/client";
import { checkHandoffTargets } from "@/lib/features/flows/check-handoff-targets";
import { serializeIntentModel } from "@/lib/runtime/routing/serialize-intent-model";
import {
  nodeTrainingSet,
  PUBLISH_TRAINING_SEED,
  trainNodeClassifier,
  type NodeTrainingSet,
} from "@/lib/runtime/routing/train-node-classifier";
import { emitFlowPublished } from "@/lib/runtime/webhooks/emit-events";
import { diffForAudit, type DiffAudit } from "@/lib/model/flow/diff-audit";
import { draftConflict, lockFlow } from "./flow-access";
import { draftGraphSchema, flowGraphSchema, type FlowGraph } from "@/lib/model/flow/schema";
import type { FlowIssue } from "@/lib/model/validation/flow-issue";
import { hasBlockingIssues, validateFlow } from "@/lib/model/validation/validate-flow";
import { modelAvailability } from "./model-availability";

// Training is deterministic (fixed seed) and can take seconds for a big router (BANKING77: 77 intents; in semantic
// mode about 12 ms more per example for the encoder), so a model is kept per training set and mode: publishing the
// draft you just tested, or testing it twice, trains once.
const trainedModels = new Map<string, Uint8Array>();
const MAX_TRAINED_MODELS = 16;

async function trainedModel(set: NodeTrainingSet): Promise<Uint8Array> {
  const key = createHash("sha256")
    .update(
      canonicalJson({ examples: set.examples, intents: set.intents, mode: set.mode, seed: PUBLISH_TRAINING_SEED }),
    )
    .digest("hex");
  const cached = trainedModels.get(key);
  if (cached) return cached;
  const bytes = serializeIntentModel(await trainNodeClassifier(set));
  if (trainedModels.size >= MAX_TRAINED_MODELS) trainedModels.delete(trainedModels.keys().next().value as string);
  trainedModels.set(key, bytes);
  return bytes;
}

/**
 * Trains (into the cache above) every model a version of `graph` will need, before the caller opens the transaction
 * that stores it: a semantic router encodes each example (about 10 ms each), and a transaction, with the flow's row
 * lock, should not stay open for that. A graph that does not parse, or a set that fails to train, is left for
 * freezeVersion to report inside the transaction with its proper error.
 */
export async function pretrainModels(graph: unknown): Promise<void> {
  const parsed = flowGraphSchema.safeParse(graph);
  if (!parsed.success) return;
  for (const node of parsed.data.nodes) {
    const set = nodeTrainingSet(parsed.data, node);
    if (set) await trainedModel(set).catch(() => undefined);
  }
}

/** Stores a version of `graph` with a trained classifier per router node and for the start node's interruptions. */
export async function freezeVersion(
  tx: Tx,
  options: {
    flowId: string;
    graph: FlowGraph;
    kind: "published" | "test";
    number: number | null;
    note: string;
    createdById: string | null;
    draftRevision?: number | null;
  },
): Promise<{ id: string }> {
  const version = await tx.flowVersion.create({
    data: {
      flowId: options.flowId,
      kind: options.kind,
      number: options.number,
      graph: options.graph as unknown as Prisma.InputJsonValue,
      note: options.note,
      createdById: options.createdById,
      draftRevision: options.draftRevision ?? null,
    },
    select: { id: true },
  });
  for (const node of options.graph.nodes) {
    // Each classifier router, and the start node's interruption check (its routes plus the "continue" class).
    const set = nodeTrainingSet(options.graph, node);
    if (!set) continue;
    await tx.intentModel.create({
      data: {
        flowVersionId: version.id,
        nodeId: node.id,
        intents: set.intents,
        model: Buffer.from(await trainedModel(set)),
        exampleCount: set.examples.length,
      },
    });
  }
  return version;
}

/** The next published version number (test versions have none). Call with the flow locked. */
export async function nextVersionNumber(tx: Tx, flowId: string): Promise<number> {
  const last = await tx.flowVersion.aggregate({ where: { flowId, kind: "published" }, _max: { number: true } });
  return (last._max.number ?? 0) + 1;
}

/** Publishes the current draft as is, without checks: used by the demo seed. People publish through publishDraft. */
export async function publishFlow(
  tx: Tx,
  options: { flowId: string; note: string; actor: AuditActor; userId?: string | null },
): Promise<{ versionId: string; number: number }> {
  const flow = await tx.flow.findUniqueOrThrow({ where: { id: options.flowId } });
  const graph = flowGraphSchema.parse(flow.draft);
  const previous = flow.publishedVersionId
    ? await tx.flowVersion.findUnique({ where: { id: flow.publishedVersionId }, select: { number: true } })
    : null;
  const number = await nextVersionNumber(tx, flow.id);
  const version = await freezeVersion(tx, {
    flowId: flow.id,
    graph,
    kind: "published",
    number,
    note: options.note,
    createdById: options.userId ?? null,
  });
  await tx.flow.update({ where: { id: flow.id }, data: { publishedVersionId: version.id } });
  await auditLog(
    {
      workspaceId: flow.workspaceId,
      actor: options.actor,
      action: "flow.published",
      resourceType: "flow_version",
      resourceId: version.id,
      after: { flow: flow.slug, number, note: options.note },
    },
    tx,
  );
  await emitFlowPublished(tx, {
    workspaceId: flow.workspaceId,
    flowId: flow.id,
    versionId: version.id,
    number,
    previousNumber: previous?.number ?? null,
    note: options.note,
    actor: { label: options.actor.label },
  });
  return { versionId: version.id, number };
}

const SHOWN_ISSUES = 3;

function issueLine(issue: FlowIssue, labels: Map<string, string>): string {
  const label = issue.nodeId ? labels.get(issue.nodeId) : undefined;
  return label && !issue.message.includes(label) ? `${label}: ${issue.message}` : issue.message;
}

/** VALIDATION error listing the first few blocking issues; fieldErrors keyed `nodes.<id>`, `edges.<id>` or `_`. */
export function blockingIssuesError(issues: FlowIssue[], graph: FlowGraph, doing: string): AppError {
  const errors = issues.filter((issue) => issue.severity === "error");
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const first = errors.slice(0, SHOWN_ISSUES).map((issue) => issueLine(issue, labels));
  const more = errors.length > SHOWN_ISSUES ? ` (and ${errors.length - SHOWN_ISSUES} more)` : "";
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of errors) {
    const key = issue.nodeId ? `nodes.${issue.nodeId}` : issue.edgeId ? `edges.${issue.edgeId}` : "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return new AppError("VALIDATION", {
    message: `${errors.length} blocking issues`,
    userMessage: `Fix ${errors.length} error${errors.length === 1 ? "" : "s"} before ${doing}: ${first.join("; ")}${more}.`,
    fieldErrors,
  });
}

export type PublishResult = {
  versionId: string;
  number: number;
  flowSlug: string;
  previousNumber: number | null;
  draftRevision: number;
  diff: DiffAudit;
  /** Set when failing publish gates were overridden: the report the override went past, for its audit entry. */
  overriddenGates: GateReport | null;
};

/**
 * A person publishes the draft they are looking at: refused when the draft moved on since `baseRevision`
 * (CONFLICT naming who saved), when validation finds errors (VALIDATION), or when it is identical to the live
 * version, or when a test suite's publish gate fails (CONFLICT listing the suites) unless `override` is given; the
 * caller checks that whoever overrides may (admins only). The caller writes the audit entries (the action wrapper
 * does, in the same transaction).
 */
export async function publishDraft(
  tx: Tx,
  options: {
    workspaceId: string;
    flowId: string;
    baseRevision: number;
    note: string;
    userId: string | null;
    override?: { reason: string } | null;
  },
): Promise<PublishResult> {
  const flow = await lockFlow(tx, options.workspaceId, options.flowId);
  if (flow.draftRevision !== options.baseRevision) {
    throw await draftConflict(tx, flow, {
      baseRevision: options.baseRevision,
      userId: options.userId,
      doing: "publish",
    });
  }
  // Validate the draft as stored: unfinished settings are reported with the rest, node by node, and every LLM node's
  // model against the providers the workspace has now.
  const issues = validateFlow(flow.draft, { models: await modelAvailability(options.workspaceId, tx) });
  const draft = draftGraphSchema.safeParse(flow.draft);
  if (!draft.success) {
    throw new AppError("VALIDATION", {
      message: draft.error.message,
      userMessage: "The saved draft cannot be read; save it again from the editor.",
    });
  }
  if (hasBlockingIssues(issues)) throw blockingIssuesError(issues, draft.data, "publishing");
  // As read for the draft: a refused value of a setting the node's mode does not use is back at its default.
  const graph = flowGraphSchema.parse(draft.data);
  const handoffIssues = await checkHandoffTargets(tx, options.workspaceId, graph);
  if (hasBlockingIssues(handoffIssues)) throw blockingIssuesError(handoffIssues, graph, "publishing");

  const live = flow.publishedVersionId
    ? await tx.flowVersion.findUnique({ where: { id: flow.publishedVersionId }, select: { number: true, graph: true } })
    : null;
  if (live && canonicalJson(live.graph) === canonicalJson(graph)) {
    throw new AppError("CONFLICT", {
      userMessage: `The draft is the same as the live version v${live.number}: there is nothing new to publish.`,
    });
  }

  const gates = await checkPublishGates(tx, {
    workspaceId: options.workspaceId,
    flowId: flow.id,
    draftRevision: flow.draftRevision,
  });
  if (gates.blocked && !options.override) {
    throw new AppError("CONFLICT", {
      message: `Flow ${flow.id}: publish gates failed at draft revision ${flow.draftRevision}`,
      userMessage: `${blockedMessage(gates)} Run the suites against this draft, or an admin can override with a reason.`,
    });
  }

  const number = await nextVersionNumber(tx, flow.id);
  const version = await freezeVersion(tx, {
    flowId: flow.id,
    graph,
    kind: "published",
    number,
    note: options.note,
    createdById: options.userId,
  });
  await tx.flow.update({ where: { id: flow.id }, data: { publishedVersionId: version.id } });
  await emitFlowPublished(tx, {
    workspaceId: options.workspaceId,
    flowId: flow.id,
    versionId: version.id,
    number,
    previousNumber: live?.number ?? null,
    note: options.note,
    actor: { userId: options.userId },
  });
  return {
    versionId: version.id,
    number,
    flowSlug: flow.slug,
    previousNumber: live?.number ?? null,
    draftRevision: flow.draftRevision,
    diff: diffForAudit(live ? live.graph : null, graph),
    overriddenGates: gates.blocked ? gates : null,
  };
}
