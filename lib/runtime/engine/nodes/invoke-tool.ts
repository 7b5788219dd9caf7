// Every tool call the engine makes goes through here: deterministic agents, tool nodes and LLM agents alike. This is
// where the version's agent × tool matrix is enforced at run time — an agent can only call a tool it has a
// permission link to, within the link's rate limits, and calls above its approval threshold wait for a person.
// Remote A2A agents are callable the same way: the same links, limits, approvals, spans, audit entries and ledger.
import "server-only";
import { renderTemplate } from "@/lib/model/flow/template";
import { toolName } from "@/lib/model/flow/flow-names";
import type { FlowEdge, FlowNode, NodeOf, ToolPermission } from "@/lib/model/flow/schema";
import { BUILTIN_TOOLS, type BuiltinToolName } from "@/lib/model/tools/catalog";
import { lookupOrder } from "@/lib/runtime/tools/lookup-order";
import { orderNumberFor, runBuiltinTool } from "./run-builtin-tool";
import { getPath } from "@/lib/runtime/engine/turn/state-path";
import { nonRetriable, retriable } from "@/lib/runtime/engine/turn/node-error";
import { runExternalTool } from "./run-external-tool";
import { gateToolCall } from "./call-gate";
import { forgetToolCall, recordToolCall } from "@/lib/runtime/tools/tool-call-log";
import type { ApprovalRequest, ChildSpan } from "@/lib/runtime/engine/turn/execution-result";
import type { TurnContext } from "@/lib/runtime/engine/turn/turn-context";

export type ToolNode = NodeOf<"tool">;
/** What an agent's permission link can point at: a tool, or a remote agent called like one. */
export type CallableNode = ToolNode | NodeOf<"remote_agent">;

const isCallable = (node: FlowNode | undefined): node is CallableNode =>
  node?.kind === "tool" || node?.kind === "remote_agent";

export type ToolInvocation = {
  /** The agent making the call; null when a tool node runs in the flow's own control path. */
  agent: FlowNode | null;
  tool: CallableNode;
  input: Record<string, unknown>;
  /** Several calls in one step (an LLM agent's loop) get distinct idempotency keys. */
  callIndex?: number;
};

export type ToolCallOutcome =
  | { kind: "result"; result: Record<string, unknown>; span: ChildSpan }
  /** The call did not happen or the tool said no: the reason is fit for the customer (or the model) to read. */
  | {
      kind: "refused";
      reason: string;
      code: "not_permitted" | "not_verified" | "rate_limited" | "refused" | "rejected" | "failed";
      span: ChildSpan;
    }
  /** The tool needs something only the customer can say. */
  | { kind: "ask"; prompt: string; missing: string; span: ChildSpan }
  | { kind: "approval"; approval: ApprovalRequest };

/** The agent's permission links, each with the tool node it grants. */
export function permittedTools(ctx: TurnContext, agent: FlowNode): { link: FlowEdge; tool: CallableNode }[] {
  return ctx.graph.edges
    .filter((edge) => edge.kind === "tool" && edge.source === agent.id)
    .map((link) => ({ link, tool: ctx.graph.nodes.find((n) => n.id === link.target) }))
    .filter((entry): entry is { link: FlowEdge; tool: CallableNode } => isCallable(entry.tool));
}

/** The tool node an agent's configured built-in tool maps to, through one of its permission links. */
export function linkedBuiltin(
  ctx: TurnContext,
  agent: FlowNode,
  builtin: BuiltinToolName,
): { link: FlowEdge; tool: ToolNode } | null {
  for (const { link, tool } of permittedTools(ctx, agent)) {
    if (tool.kind === "tool" && tool.config.source === "builtin" && tool.config.builtin === builtin)
      return { link, tool };
  }
  return null;
}

export async function invokeTool(ctx: TurnContext, call: ToolInvocation): Promise<ToolCallOutcome> {
  const name = toolName(call.tool);
  const key = `${ctx.stepId}:${name}${call.callIndex ? `:${call.callIndex}` : ""}`;
  const baseSpan = {
    kind: "tool" as const,
    name,
    input: call.input,
    attributes: {
      toolNodeId: call.tool.id,
      source: call.tool.kind === "tool" ? call.tool.config.source : "a2a",
      agent: call.agent?.id ?? null,
      idempotencyKey: key,
    },
  };

  // An agent's permission is its link; a tool node on the control path carries the permissions of the links into it.
  let permission: ToolPermission | undefined;
  if (call.agent) {
    const link = permittedTools(ctx, call.agent).find((entry) => entry.tool.id === call.tool.id)?.link;
    if (!link) {
      const reason = `${call.agent.label} is not allowed to use ${call.tool.label}.`;
      return {
        kind: "refused",
        reason,
        code: "not_permitted",
        span: {
          ...baseSpan,
          status: "error",
          error: reason,
          attributes: { ...baseSpan.attributes, denied: "not_permitted" },
        },
      };
    }
    permission = link.permission;
  } else {
    permission = ctx.permissionLinks.find((edge) => edge.permission?.approvalAbove != null)?.permission;
  }

  // Whose records the call would touch, before anything else about it: a refused call uses no limit and asks no one.
  const gate = await gateToolCall(
    ctx,
    { agentId: call.agent?.id ?? null, tool: call.tool, name, input: call.input, callKey: key },
    permission,
  );
  if (!gate.passed && "scope" in gate) {
    const { scope } = gate;
    const span: ChildSpan = {
      ...baseSpan,
      status: "error",
      error: scope.reason,
      attributes: { ...baseSpan.attributes, denied: scope.denied },
    };
    return scope.ask
      ? { kind: "ask", prompt: scope.ask.prompt, missing: scope.ask.missing, span }
      : { kind: "refused", reason: scope.reason, code: "not_verified", span };
  }
  if (!gate.passed)
    return {
      kind: "refused",
      reason: gate.limited,
      code: "rate_limited",
      span: {
        ...baseSpan,
        status: "error",
        error: gate.limited,
        attributes: { ...baseSpan.attributes, denied: "rate_limited" },
      },
    };

  const approved = ctx.resume?.approved;
  if (approved === false) {
    const note = ctx.resume?.note ? `: ${String(ctx.resume.note)}` : ".";
    const reason = `Our team reviewed the request and could not approve it${note}`;
    return {
      kind: "refused",
      reason,
      code: "rejected",
      span: { ...baseSpan, status: "error", error: "approval rejected" },
    };
  }
  if (permission && permission.approvalAbove != null) {
    const amount = await approvalAmount(ctx, name, call.input, permission.approvalField);
    if (amount !== null && amount > permission.approvalAbove && !(await approvedAlready(ctx, name, amount))) {
      const variables = {
        ...ctx.state,
        state: ctx.state,
        amount: amount.toFixed(2),
        threshold: permission.approvalAbove.toFixed(2),
      };
      const message = permission.approvalMessage ? renderTemplate(permission.approvalMessage, variables) : null;
      if (message?.missing.length)
        throw new Error(`Approval message of the link to ${call.tool.id} cannot fill ${message.missing.join(", ")}`);
      return {
        kind: "approval",
        approval: {
          tool: name,
          // What the person deciding needs to see: the call's own arguments, and the order it is about.
          input: {
            ...(typeof ctx.state.orderNumber === "string" ? { orderNumber: ctx.state.orderNumber } : {}),
            ...call.input,
            agent: call.agent?.id ?? null,
          },
          field: permission.approvalField,
          amount,
          threshold: permission.approvalAbove,
          approverRole: permission.approverRole,
          reason: `${name} with ${permission.approvalField} ${amount.toFixed(2)} is above ${permission.approvalAbove}`,
          message:
            message?.text ||
            "That needs a quick check by our team before I can go ahead. I'll update you here as soon as it's approved.",
          exact: message?.text
            ? { template: permission.approvalMessage, variables: JSON.parse(JSON.stringify(variables)) }
            : undefined,
        },
      };
    }
  }

  const started = performance.now();
  const record = call.agent
    ? {
        workspaceId: ctx.workspaceId,
        conversationId: ctx.conversationId,
        agentNodeId: call.agent.id,
        tool: name,
        callKey: key,
      }
    : null;
  const builtin = call.tool.kind === "tool" && call.tool.config.source === "builtin" ? call.tool.config.builtin! : null;
  // A lookup logs its call itself, in the statement that reads the order, and only when it finds it (lookup-order.ts).
  const loggedHere = builtin === "lookup_order" ? null : record;
  if (loggedHere) await recordToolCall(ctx.tx, loggedHere);
  if (builtin) {
    const outcome = await runBuiltinTool(ctx, {
      tool: builtin,
      input: call.input,
      idempotencyKey: key,
      ownerId: gate.ownerId,
      record,
    });
    const span: ChildSpan = {
      ...baseSpan,
      output: outcome.result ?? outcome.refusal ?? outcome.ask,
      durationMs: performance.now() - started,
      attributes: {
        ...baseSpan.attributes,
        replayed: outcome.replayed ?? false,
        sideEffect: BUILTIN_TOOLS[builtin].sideEffect,
      },
    };
    if (outcome.refusal)
      return {
        kind: "refused",
        reason: outcome.refusal,
        code: "refused",
        span: { ...span, status: "error", error: outcome.refusal },
      };
    if (outcome.ask) {
      // A call that only asked the customer something did nothing: it does not use up the per-conversation limit
      // (otherwise small talk before the answer, which asks again, would exhaust it).
      if (loggedHere) await forgetToolCall(ctx.tx, key);
      return { kind: "ask", prompt: outcome.ask.prompt, missing: outcome.ask.missing, span };
    }
    return { kind: "result", result: outcome.result ?? {}, span };
  }
  const external = await runExternalTool(ctx, call.tool, call.input, key, permission?.records ?? "own");
  const span: ChildSpan = {
    ...baseSpan,
    output: external.ok ? external.result : undefined,
    durationMs: performance.now() - started,
    attributes: { ...baseSpan.attributes, ...external.attributes },
  };
  if (!external.ok && !call.agent) {
    // On the flow's own path a failed call fails the node: its policy retries a flaky dependency, then escalates
    // (or follows its error path). The customer never reads the technical reason; the trace keeps it.
    const failure = external.retriable
      ? retriable(`${call.tool.label}: ${external.error}`, "TOOL_UNAVAILABLE")
      : nonRetriable(`${call.tool.label}: ${external.error}`, "TOOL_FAILED");
    failure.spans = [{ ...span, status: "error", error: external.error }];
    throw failure;
  }
  // An agent hears about the failure and can tell the customer, try something else, or hand over.
  if (!external.ok)
    return {
      kind: "refused",
      reason: external.error,
      code: "failed",
      span: { ...span, status: "error", error: external.error },
    };
  return { kind: "result", result: external.result, span };
}

/**
 * A resumed node re-runs its calls; the decision it resumes with covers exactly one call: the same tool, for at most
 * the approved amount. (An LLM agent that asks for more the second time waits for a new approval.)
 */
async function approvedAlready(ctx: TurnContext, tool: string, amount: number): Promise<boolean> {
  if (ctx.resume?.approved !== true || typeof ctx.resume.approvalId !== "string") return false;
  const approval = await ctx.tx.approval.findUnique({
    where: { id: ctx.resume.approvalId },
    select: { tool: true, amount: true, status: true },
  });
  return (
    approval?.status === "approved" &&
    approval.tool === tool &&
    (approval.amount == null || amount <= approval.amount + 0.005)
  );
}

/**
 * The amount a threshold is compared with: the call's own field, else the state's (a filled slot or a value a node
 * set). A refund that names no amount refunds everything still refundable, so that is its amount.
 */
async function approvalAmount(
  ctx: TurnContext,
  tool: string,
  input: Record<string, unknown>,
  field: string,
): Promise<number | null> {
  const slots = (ctx.state.slots ?? {}) as Record<string, unknown>;
  const candidates = [input[field], getPath(ctx.state, field), slots[field]];
  for (const value of candidates) {
    const amount =
      typeof value === "number"
        ? value
        : typeof value === "string" && value.trim() !== ""
          ? Number(value.replace(/[$,]/g, ""))
          : NaN;
    if (Number.isFinite(amount)) return amount;
  }
  if (tool === "refund_order") {
    // The same order the refund will be applied to, or the threshold would be checked against another one.
    const number = orderNumberFor(ctx, input);
    if (number) {
      const order = await lookupOrder(ctx.tx, ctx.workspaceId, number);
      if (order) return order.refundableAmount;
    }
  }
  return null;
}
