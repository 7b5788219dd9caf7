// One conversation as the console shows it: its transcript grouped by customer turn, each turn with the steps the
// engine executed for it (read from what the engine wrote; never re-run).
// The queries live here; prepare-conversation-trace.ts shapes what they load.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { annotationShapes } from "@/lib/model/flow/annotations";
import { nodeOutputs } from "@/lib/model/flow/registry";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import { loadGraphView } from "@/lib/features/flows/version-graph";
import { NODE_SPAN_STEP_COLUMNS, nodeSpanOf, withNodeSpans } from "@/lib/platform/trace/node-span";
import type { prepareFlowPath } from "./prepare-flow-path";
import { prepareConversationTrace, type ConversationTrace } from "./prepare-conversation-trace";
import { STEP_VIEW_COLUMNS } from "./prepare-step-view";
import { asRecord, rankedCandidates } from "./router-decision-view";

const positionedCache = new Map<string, PathGraph | null>();
type PathGraph = Parameters<typeof prepareFlowPath>[0];

/** The version's nodes with their canvas positions (versions are immutable: parsed once per process). */
async function loadPositionedGraph(versionId: string): Promise<PathGraph | null> {
  if (positionedCache.has(versionId)) return positionedCache.get(versionId)!;
  const version = await db().flowVersion.findUnique({ where: { id: versionId }, select: { graph: true } });
  const parsed = version ? flowGraphSchema.safeParse(version.graph) : null;
  const graph = parsed?.success
    ? {
        nodes: parsed.data.nodes.map((n) => ({
          id: n.id,
          kind: n.kind,
          label: n.label,
          position: n.position,
          outputs: nodeOutputs(n).map((port) => ({ id: port.id, label: port.label })),
        })),
        annotations: annotationShapes(parsed.data),
        // Tool permission links are not control flow: a conversation never "travels" them.
        edges: parsed.data.edges
          .filter((e) => e.kind !== "tool")
          .map((e) => ({
            id: e.id,
            source: e.source,
            sourceHandle: e.sourceHandle,
            target: e.target,
            targetHandle: e.targetHandle,
            label: e.label ?? null,
          })),
      }
    : null;
  if (positionedCache.size >= 32) positionedCache.delete(positionedCache.keys().next().value as string);
  positionedCache.set(versionId, graph);
  return graph;
}

/** Null when the conversation does not exist in this workspace. */
export async function getConversationTrace(
  workspaceId: string,
  conversationId: string,
): Promise<ConversationTrace | null> {
  const conversation = await db().conversation.findFirst({
    where: { id: conversationId, workspaceId },
    include: {
      flow: { select: { id: true, slug: true, name: true, publishedVersionId: true } },
      flowVersion: { select: { id: true, number: true, kind: true, draftRevision: true } },
      customer: { select: { ref: true, name: true, email: true, tier: true } },
      messages: { orderBy: { seq: "asc" } },
      // Not `input`: the page never shows it (a node span carries the same input, loaded on selection).
      steps: {
        orderBy: [{ turn: "asc" }, { seq: "asc" }],
        select: { ...STEP_VIEW_COLUMNS, eventId: true, turn: true, nodeLabel: true },
      },
      escalations: {
        orderBy: { createdAt: "asc" },
        include: { assignee: { select: { email: true, name: true } }, handoffEndpoint: { select: { name: true } } },
      },
      routingReviews: { include: { reviewer: { select: { name: true, email: true } } } },
    },
  });
  if (!conversation) return null;

  // Inputs and outputs stay in the database until someone selects a span (the details panel fetches them).
  const [graph, spans, positioned] = await Promise.all([
    loadGraphView(conversation.flowVersionId),
    db().span.findMany({
      where: { conversationId, workspaceId },
      orderBy: { startedAt: "asc" },
      select: {
        id: true,
        parentId: true,
        stepId: true,
        eventId: true,
        kind: true,
        name: true,
        status: true,
        startedAt: true,
        durationMs: true,
        error: true,
        attributes: true,
        tokensIn: true,
        tokensOut: true,
        costUsd: true,
      },
    }),
    loadPositionedGraph(conversation.flowVersionId),
  ]);
  // A step is its node's span (node-span.ts); here without input and output, like the rows above.
  const all = withNodeSpans(spans, conversation.steps, ({ input: _in, output: _out, ...span }) => span);
  return prepareConversationTrace(conversation, graph, all, positioned);
}

/** One span's input, output and attributes for the trace's details panel; null outside this workspace. */
export async function getSpanDetail(workspaceId: string, conversationId: string, spanId: string) {
  const span =
    (await db().span.findFirst({
      where: { id: spanId, conversationId, workspaceId },
      select: { input: true, output: true, attributes: true, error: true, startedAt: true, stepId: true },
    })) ?? (await nodeSpanDetail(workspaceId, conversationId, spanId));
  return span ? { ...span, startedAt: span.startedAt.toISOString() } : null;
}

/** A node span is its step (node-span.ts). */
async function nodeSpanDetail(workspaceId: string, conversationId: string, stepId: string) {
  const step = await db().step.findFirst({
    where: { id: stepId, conversationId, conversation: { workspaceId } },
    select: { ...NODE_SPAN_STEP_COLUMNS, input: true, output: true },
  });
  return step ? nodeSpanOf(step) : null;
}

export type StepDetail = {
  input: unknown;
  output: unknown;
  /** A router step's every candidate, best first; null for other steps. */
  candidates: { intent: string; label: string; score: number }[] | null;
};

/** One step's input and output for the transcript's expandable details; null outside this workspace. */
export async function getStepDetail(
  workspaceId: string,
  conversationId: string,
  stepId: string,
): Promise<StepDetail | null> {
  const step = await db().step.findFirst({
    where: { id: stepId, conversationId, conversation: { workspaceId } },
    select: {
      input: true,
      output: true,
      nodeId: true,
      nodeKind: true,
      conversation: { select: { flowVersionId: true } },
    },
  });
  if (!step) return null;
  const decision = step.nodeKind === "router" ? asRecord(asRecord(step.output)?.decision) : null;
  const node = decision
    ? (await loadGraphView(step.conversation.flowVersionId))?.nodes.find((n) => n.id === step.nodeId)
    : undefined;
  return { input: step.input, output: step.output, candidates: decision ? rankedCandidates(decision, node) : null };
}

/** Whether the conversation exists in this workspace (for the live stream's 404). */
export async function conversationInWorkspace(workspaceId: string, conversationId: string): Promise<boolean> {
  return !!(await db().conversation.findFirst({ where: { id: conversationId, workspaceId }, select: { id: true } }));
}
