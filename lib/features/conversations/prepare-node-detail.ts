// Pure: one node a turn passed through, with everything a designer learns from: what it received, what it produced
// (the reply or the chosen route), the state it changed, a router's every candidate and the tool calls it made. The
// same step view the conversation trace draws (prepare-step-view.ts), plus what the trace loads when a step is opened.
import type { NodeView } from "@/lib/features/flows/version-graph";
import { prepareStepView, type StepRecord, type StepView } from "./prepare-step-view";
import { asRecord, decisionView } from "./router-decision-view";
import { prepareToolCalls, type ApprovalRecord, type ToolCallView, type ToolSpanRecord } from "./prepare-tool-calls";

/** Kinds that can call tools: their tool section says so when they made no call. */
const CALLERS = new Set(["agent", "tool", "remote_agent"]);

export type NodeDetailView = StepView & {
  input: unknown;
  output: unknown;
  /** What the node said to the customer, when its output records it. */
  reply: string | null;
  toolCalls: ToolCallView[];
  /** Whether the node is of a kind that calls tools (an empty list then reads "made no tool calls"). */
  callsTools: boolean;
};

export type NodeDetailRecord = StepRecord & { input: unknown };

export function prepareNodeDetail(
  step: NodeDetailRecord,
  nodes: NodeView[],
  spans: ToolSpanRecord[],
  approvals: ApprovalRecord[],
): NodeDetailView {
  const node = nodes.find((n) => n.id === step.nodeId);
  const view = prepareStepView(step, node, undefined);
  const out = asRecord(step.output);
  return {
    ...view,
    // Every candidate, not the transcript's top few: a designer tuning a router wants the whole field.
    decision: step.nodeKind === "router" ? decisionView(step.output, node, Number.POSITIVE_INFINITY) : null,
    input: step.input ?? null,
    output: step.output ?? null,
    reply: typeof out?.reply === "string" && out.reply ? out.reply : null,
    toolCalls: prepareToolCalls(
      spans.filter((span) => span.stepId === step.id),
      approvals.filter((approval) => approval.stepId === step.id),
      nodes,
    ),
    callsTools: CALLERS.has(step.nodeKind),
  };
}
