"use server";
// The flow designer's commands: save the draft, publish it, roll back, and test the draft. Each goes through
// defineAction (session → permission → zod → domain call in a transaction with its audit entry) and is scoped to
// the member's workspace: another workspace's flow id is NOT_FOUND.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, type AuditRecord } from "@/lib/features/define-action";
import { MAX_MESSAGE_LENGTH } from "@/lib/model/limits";
import { AppError } from "@/lib/model/errors";
import { canOverrideGates } from "@/lib/features/flows/gate-decision";
import { publishDraft } from "@/lib/features/flows/publish-flow";
import { pretrainFlow } from "@/lib/features/flows/pretrain-flow";
import { rollbackFlow } from "@/lib/features/flows/rollback-flow";
import { saveDraft } from "@/lib/features/flows/save-draft";
import { draftGraphSchema } from "@/lib/model/flow/schema";
import { sendDraftTestMessage, startDraftTest } from "@/lib/features/flows/test-version";

const flowId = z.string().trim().min(1).max(64);
const baseRevision = z.number().int().min(1);
const note = z
  .string()
  .trim()
  .min(1, "Say what changed, for the history.")
  .max(500, "Keep the note under 500 characters.");

/** Training runs in `prepare`, before the transaction; this covers a graph that changed in between and was trained inside. */
const TRAINING_TIMEOUT_MS = 60_000;

function revalidateFlow(id: string) {
  revalidatePath("/flows");
  revalidatePath(`/flows/${id}`, "layout");
}

const saveDraftSchema = z.object({ flowId, baseRevision, graph: draftGraphSchema });

/** Autosave. CONFLICT (naming who saved, and when) when the draft moved on since `baseRevision`. */
export const saveDraftAction = defineAction({
  permission: "flow.edit",
  schema: saveDraftSchema,
  handler: async (input, { member, tx }) => {
    // No revalidation: autosave runs every few seconds from the editor, and re-rendering the page (with the whole
    // draft) on each save would cost more than it shows; every console page reads the draft fresh anyway.
    const result = await saveDraft(tx, { workspaceId: member.workspaceId, ...input, userId: member.userId });
    return {
      data: { revision: result.revision, savedAt: result.savedAt.toISOString() },
      audit: result.changed
        ? {
            action: "flow.draft_saved",
            resourceType: "flow",
            resourceId: input.flowId,
            before: { draftRevision: result.previousRevision },
            after: { draftRevision: result.revision },
            metadata: { flow: result.flowSlug, ...result.diff },
          }
        : [],
    };
  },
});

const publishFlowSchema = z.object({
  flowId,
  baseRevision,
  note,
  /** Publish although a test suite's gate fails: admins only, with a reason for the audit trail. */
  override: z
    .object({
      reason: z
        .string()
        .trim()
        .min(5, "Say why you override the failing suites (at least 5 characters).")
        .max(500, "Keep the reason under 500 characters."),
    })
    .optional(),
});

/**
 * Publishes the saved draft as the next numbered version; refused on a stale revision, validation errors or failing
 * publish gates (unless an admin overrides them, which is audited on its own).
 */
export const publishFlowAction = defineAction({
  permission: "flow.publish",
  schema: publishFlowSchema,
  prepare: (input, { member }) => pretrainFlow({ workspaceId: member.workspaceId, flowId: input.flowId }),
  timeoutMs: TRAINING_TIMEOUT_MS,
  handler: async (input, { member, tx }) => {
    if (input.override && !canOverrideGates(member.role)) {
      throw new AppError("FORBIDDEN", { userMessage: "Only an admin can override failing test suites." });
    }
    const result = await publishDraft(tx, { workspaceId: member.workspaceId, ...input, userId: member.userId });
    revalidateFlow(input.flowId);
    const audit: AuditRecord[] = [
      {
        action: "flow.published",
        resourceType: "flow_version",
        resourceId: result.versionId,
        before: { number: result.previousNumber },
        after: { flow: result.flowSlug, number: result.number, note: input.note, draftRevision: result.draftRevision },
        metadata: { flowId: input.flowId, ...result.diff },
      },
    ];
    if (result.overriddenGates && input.override) {
      audit.push({
        action: "flow.publish_gate_overridden",
        resourceType: "flow",
        resourceId: input.flowId,
        after: {
          flow: result.flowSlug,
          number: result.number,
          versionId: result.versionId,
          draftRevision: result.draftRevision,
          reason: input.override.reason,
          suites: result.overriddenGates.suites,
        },
      });
    }
    return {
      data: { versionId: result.versionId, number: result.number, overridden: !!result.overriddenGates },
      audit,
    };
  },
});

const rollbackFlowSchema = z.object({ flowId, versionNumber: z.number().int().min(1), note });

/**
 * Publishes an older version's graph as a new version and makes it the draft. Not gated by test suites: it restores
 * a version that was already live (and is how you get out of a bad publish fast, when waiting for runs would hurt).
 */
export const rollbackFlowAction = defineAction({
  permission: "flow.publish",
  schema: rollbackFlowSchema,
  prepare: (input, { member }) =>
    pretrainFlow({ workspaceId: member.workspaceId, flowId: input.flowId, versionNumber: input.versionNumber }),
  timeoutMs: TRAINING_TIMEOUT_MS,
  handler: async (input, { member, tx }) => {
    const result = await rollbackFlow(tx, { workspaceId: member.workspaceId, ...input, userId: member.userId });
    revalidateFlow(input.flowId);
    return {
      data: { versionId: result.versionId, number: result.number, draftRevision: result.draftRevision },
      audit: {
        action: "flow.rolled_back",
        resourceType: "flow_version",
        resourceId: result.versionId,
        before: { number: result.previousNumber, draftRevision: result.previousDraftRevision },
        after: {
          flow: result.flowSlug,
          number: result.number,
          from: result.fromNumber,
          note: result.note,
          draftRevision: result.draftRevision,
        },
        metadata: { flowId: input.flowId, ...result.diff },
      },
    };
  },
});

const startDraftTestSchema = z.object({ flowId, baseRevision });

/** Starts a test conversation on (a hidden test version of) the saved draft. */
export const startDraftTestAction = defineAction({
  permission: "flow.test",
  schema: startDraftTestSchema,
  prepare: (input, { member }) => pretrainFlow({ workspaceId: member.workspaceId, flowId: input.flowId }),
  timeoutMs: TRAINING_TIMEOUT_MS,
  handler: async (input, { member, tx }) => {
    const started = await startDraftTest(tx, { workspaceId: member.workspaceId, ...input, userId: member.userId });
    return {
      data: { conversationId: started.id, messages: started.messages },
      audit: {
        action: "flow.test_started",
        resourceType: "flow",
        resourceId: input.flowId,
        after: {
          conversationId: started.id,
          testVersionId: started.versionId,
          draftRevision: started.draftRevision,
          reusedVersion: started.reused,
        },
      },
    };
  },
});

const sendDraftTestMessageSchema = z.object({
  flowId,
  conversationId: z.string().trim().min(1).max(64),
  text: z
    .string()
    .trim()
    .min(1, "Type a message first.")
    .max(MAX_MESSAGE_LENGTH, `Messages are limited to ${MAX_MESSAGE_LENGTH} characters.`),
});

/** One customer message in the test chat; returns the replies and the steps the engine ran for it, in order. */
export const sendDraftTestMessageAction = defineAction({
  permission: "flow.test",
  schema: sendDraftTestMessageSchema,
  transaction: "none", // waits for the engine to run the turn (up to ENGINE_TURN_WAIT_MS)
  handler: async (input, { member, tx }) => {
    const turn = await sendDraftTestMessage(tx, { workspaceId: member.workspaceId, userId: member.userId, ...input });
    return {
      data: {
        status: turn.status,
        turn: turn.turn,
        replies: turn.replies,
        steps: turn.steps,
        failureReason: turn.failureReason,
      },
      audit: {
        action: "flow.test_message_sent",
        resourceType: "conversation",
        resourceId: input.conversationId,
        after: {
          status: turn.status,
          steps: turn.steps.length,
          failedStep: turn.steps.find((s) => s.status === "failed")?.nodeId ?? null,
        },
        metadata: { flowId: input.flowId },
      },
    };
  },
});
