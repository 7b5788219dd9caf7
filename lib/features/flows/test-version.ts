// The designer's test chat runs the saved draft exactly as the engine would run a published version: the draft is
// frozen into a hidden "test" version (no number, trained routers) and a conversation on the "test" channel is
// started on it through the engine's own command path. Test versions never appear in history or as published;
// their conversations never count as operations (see lib/model/flow/channels.ts).
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { sendCustomerMessage, type TurnResult } from "@/lib/runtime/engine/commands/send-customer-message";
import { startConversation, type StartedConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { AppError } from "@/lib/model/errors";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import { draftConflict, lockFlow } from "./flow-access";
import { freezeVersion } from "./publish-flow";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import { validateFlow } from "@/lib/model/validation/validate-flow";

/** Test versions kept per flow (with their conversations); older ones are deleted when a new one is made. */
export const KEPT_TEST_VERSIONS = 5;

/** The test version of the flow's current saved draft: reused while the draft has not changed, else created. */
export async function ensureTestVersion(
  tx: Tx,
  options: { workspaceId: string; flowId: string; baseRevision: number; userId: string | null },
): Promise<{ versionId: string; draftRevision: number; reused: boolean }> {
  const flow = await lockFlow(tx, options.workspaceId, options.flowId);
  if (flow.draftRevision !== options.baseRevision) {
    throw await draftConflict(tx, flow, { baseRevision: options.baseRevision, userId: options.userId, doing: "test" });
  }
  const existing = await tx.flowVersion.findFirst({
    where: { flowId: flow.id, kind: "test", draftRevision: flow.draftRevision },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (existing) return { versionId: existing.id, draftRevision: flow.draftRevision, reused: true };

  const parsed = flowGraphSchema.safeParse(flow.draft);
  if (!parsed.success) {
    // Semantic errors may stay for a test run, but the engine cannot run a node whose settings are unfinished.
    const unfinished = validateFlow(flow.draft).filter(
      (issue) => issue.code === "invalid_config" || issue.code === "invalid_node",
    );
    throw new AppError("VALIDATION", {
      message: parsed.error.message,
      userMessage: unfinished.length
        ? `Finish these settings before testing: ${unfinished
            .slice(0, 3)
            .map((issue) => issue.message)
            .join("; ")}${unfinished.length > 3 ? ` (and ${unfinished.length - 3} more)` : ""}.`
        : "The saved draft cannot be read; save it again from the editor.",
    });
  }
  // Other validation errors are allowed: testing is how a designer finds out what a half-built flow does. The
  // engine needs a way in, though.
  if (!parsed.data.nodes.some((node) => node.kind === "start")) {
    throw new AppError("VALIDATION", {
      userMessage: "Add a Start node before testing: it is where the conversation enters the flow.",
    });
  }
  await pruneTestVersions(tx, flow.id, KEPT_TEST_VERSIONS - 1);
  const version = await freezeVersion(tx, {
    flowId: flow.id,
    graph: parsed.data,
    kind: "test",
    number: null,
    note: `Test of draft revision ${flow.draftRevision}`,
    createdById: options.userId,
    draftRevision: flow.draftRevision,
  });
  return { versionId: version.id, draftRevision: flow.draftRevision, reused: false };
}

/** Deletes all but the newest `keep` test versions of a flow, with their test conversations. */
async function pruneTestVersions(tx: Tx, flowId: string, keep: number): Promise<void> {
  const old = await tx.flowVersion.findMany({
    where: { flowId, kind: "test" },
    orderBy: { createdAt: "desc" },
    skip: keep,
    select: { id: true },
  });
  if (old.length === 0) return;
  const ids = old.map((v) => v.id);
  // Only test conversations can be pinned to a test version; messages, steps and escalations cascade.
  await tx.conversation.deleteMany({ where: { flowVersionId: { in: ids }, channel: TEST_CHANNEL } });
  await tx.flowVersion.deleteMany({ where: { id: { in: ids }, kind: "test" } });
}

export type DraftTestStart = StartedConversation & { versionId: string; draftRevision: number; reused: boolean };

export async function startDraftTest(
  tx: Tx,
  options: { workspaceId: string; flowId: string; baseRevision: number; userId: string | null },
): Promise<DraftTestStart> {
  const version = await ensureTestVersion(tx, options);
  const started = await startConversation({
    workspaceId: options.workspaceId,
    testVersionId: version.versionId,
    channel: TEST_CHANNEL,
    tx,
  });
  return { ...started, ...version };
}

export type TestStep = {
  nodeId: string;
  nodeKind: string;
  turn: number;
  seq: number;
  status: "running" | "completed" | "failed";
  error: string | null;
};

export type DraftTestTurn = {
  status: string;
  /** The turn's number: the Test panel loads what each node did in it (getTurnDetails). */
  turn: number;
  replies: TurnResult["replies"];
  steps: TestStep[];
  failureReason: string | null;
};

/**
 * One message in the test chat, through the engine's one command path (its own transaction, so a failed node is
 * committed as a failed step). Only test conversations of this flow are reachable here.
 */
export async function sendDraftTestMessage(
  tx: Tx,
  options: { workspaceId: string; flowId: string; conversationId: string; text: string; userId?: string | null },
): Promise<DraftTestTurn> {
  const conversation = await tx.conversation.findFirst({
    where: {
      id: options.conversationId,
      workspaceId: options.workspaceId,
      flowId: options.flowId,
      channel: TEST_CHANNEL,
    },
    select: { id: true },
  });
  if (!conversation)
    throw new AppError("NOT_FOUND", { userMessage: "That test conversation does not exist. Start a new test." });
  const result = await sendCustomerMessage({
    workspaceId: options.workspaceId,
    conversationId: conversation.id,
    text: options.text,
    actor: { type: "user", id: options.userId ?? null, label: "Designer test chat" },
  });
  // In turn: `tx` may be one connection, where overlapping queries are deprecated in pg.
  const steps =
    result.turn > 0
      ? await tx.step.findMany({
          where: { conversationId: conversation.id, turn: result.turn },
          orderBy: { seq: "asc" },
          select: { nodeId: true, nodeKind: true, turn: true, seq: true, status: true, error: true },
        })
      : [];
  const after = await tx.conversation.findUniqueOrThrow({
    where: { id: conversation.id },
    select: { failureReason: true },
  });
  return {
    status: result.conversation.status,
    turn: result.turn,
    replies: result.replies,
    steps,
    failureReason: after.failureReason,
  };
}
