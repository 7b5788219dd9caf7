// Pure: a step's tool calls as people read them, from the engine's own records: its `tool` spans (written by
// lib/runtime/engine/nodes/invoke-tool.ts for every call, refused ones included) and the approvals a call above a
// permission link's threshold waits for (no span: the call has not happened yet).
import type { NodeView } from "@/lib/features/flows/version-graph";
import { BUILTIN_TOOLS } from "@/lib/model/tools/catalog";
import { asRecord } from "./router-decision-view";

/** What stopped a call before the tool ran, if anything. */
export type ToolCallStop = "matrix" | "rate_limit" | "verification" | "approval";

export type ToolCallView = {
  id: string;
  /** What the engine calls the tool (the built-in's name, else the tool node's id). */
  name: string;
  /** The tool node's label in the flow version, as the canvas shows it. */
  label: string;
  status: "ok" | "error" | "waiting";
  input: unknown;
  output: unknown;
  error: string | null;
  stoppedBy: ToolCallStop | null;
  /** Why it was stopped, in words (the refusal, or the approval it waits for). */
  stopReason: string | null;
  /** A repeated call the side-effect ledger answered from its record: the tool did nothing again. */
  replayed: boolean;
  durationMs: number;
};

export type ToolSpanRecord = {
  id: string;
  stepId: string | null;
  name: string;
  status: string;
  input: unknown;
  output: unknown;
  error: string | null;
  attributes: unknown;
  durationMs: number;
};

export type ApprovalRecord = {
  id: string;
  stepId: string;
  tool: string;
  input: unknown;
  amount: number | null;
  threshold: number;
  reason: string;
  status: string;
  note: string | null;
};

const DENIAL: Record<string, ToolCallStop> = {
  not_permitted: "matrix",
  rate_limited: "rate_limit",
  not_verified: "verification",
  not_own_record: "verification",
};

/** The tool node a call went to: by the node id its span names, else by the built-in tool's name. */
function toolLabel(nodes: NodeView[], name: string, toolNodeId: unknown): string {
  const byId = typeof toolNodeId === "string" ? nodes.find((n) => n.id === toolNodeId) : undefined;
  if (byId) return byId.label;
  const byName = nodes.find((n) => n.id === name);
  if (byName) return byName.label;
  // A built-in tool node: its summary's first line is the built-in's label (the registry's nodeSummary).
  const builtinLabel = (BUILTIN_TOOLS as Record<string, { label: string } | undefined>)[name]?.label;
  const builtin = builtinLabel
    ? nodes.find((n) => n.kind === "tool" && "summary" in n && n.summary[0] === builtinLabel)
    : undefined;
  return builtin?.label ?? name;
}

export function prepareToolCalls(
  spans: ToolSpanRecord[],
  approvals: ApprovalRecord[],
  nodes: NodeView[],
): ToolCallView[] {
  const calls: ToolCallView[] = spans.map((span) => {
    const attributes = asRecord(span.attributes) ?? {};
    const denied = typeof attributes.denied === "string" ? attributes.denied : null;
    const rejected = span.status === "error" && span.error === "approval rejected";
    const stoppedBy = denied ? (DENIAL[denied] ?? "matrix") : rejected ? "approval" : null;
    return {
      id: span.id,
      name: span.name,
      label: toolLabel(nodes, span.name, attributes.toolNodeId),
      status: span.status === "error" ? "error" : "ok",
      input: span.input ?? null,
      output: span.output ?? null,
      error: span.error,
      stoppedBy,
      stopReason: stoppedBy ? (rejected ? "A person reviewed the call and rejected it." : span.error) : null,
      replayed: attributes.replayed === true,
      durationMs: span.durationMs,
    };
  });
  for (const approval of approvals) {
    const decided = approval.status !== "pending";
    calls.push({
      id: `approval:${approval.id}`,
      name: approval.tool,
      label: toolLabel(nodes, approval.tool, undefined),
      status: approval.status === "rejected" ? "error" : "waiting",
      input: approval.input,
      output: null,
      error: null,
      stoppedBy: "approval",
      stopReason: decided
        ? `Held for approval (${approval.reason}); ${approval.status}${approval.note ? `: ${approval.note}` : ""}.`
        : `Waits for a person's approval: ${approval.reason}.`,
      replayed: false,
      durationMs: 0,
    });
  }
  return calls;
}
