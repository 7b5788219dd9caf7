// HTTP and MCP tools as the engine calls them: the workspace's secrets resolved on the server, the SSRF guard's
// allowlist from the environment, and — for tools marked as having side effects — the call recorded in the ledger
// under its idempotency key, so a retried step never calls the outside world twice. Remote A2A agents are called here
// too (lib/runtime/tools/remote-agent), under the same guard, secrets, ledger and evaluation rule.
import "server-only";
import { callRemoteAgent } from "@/lib/runtime/tools/remote-agent/call-remote-agent";
import { resolveHeaders } from "@/lib/runtime/tools/remote-agent/headers";
import type { NodeOf } from "@/lib/model/flow/schema";
import type { RecordScope } from "@/lib/model/tools/record-scopes";
import { renderTemplate } from "@/lib/model/flow/template";
import { redactPiiText } from "@/lib/model/guardrails/redact-pii";
import { allowlistFromEnv } from "@/lib/platform/net/host-allowlist";
import { readSecret } from "@/lib/runtime/tools/read-secret";
import { runHttpTool } from "@/lib/runtime/tools/http-tool";
import { applyOnce } from "@/lib/runtime/tools/ledger";
import { callMcpTool } from "@/lib/runtime/tools/mcp-tool";
import { lockIdempotencyKey } from "@/lib/runtime/tools/tool-locks";
import { inEvalRun } from "./run-builtin-tool";
import { setPath } from "@/lib/runtime/engine/turn/state-path";
import type { TurnContext } from "@/lib/runtime/engine/turn/turn-context";

export type ExternalOutcome =
  | { ok: true; result: Record<string, unknown>; attributes: Record<string, unknown> }
  | { ok: false; error: string; retriable: boolean; attributes: Record<string, unknown> };

export const NOT_CALLED_IN_EVAL = "not called during an evaluation run";

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };

type ExternalNode = NodeOf<"tool"> | NodeOf<"remote_agent">;

export async function runExternalTool(
  ctx: TurnContext,
  node: ExternalNode,
  input: Record<string, unknown>,
  idempotencyKey: string,
  records: RecordScope = "own",
): Promise<ExternalOutcome> {
  const outcome = await runOnce(ctx, node, await withCustomer(ctx, node, input, records), idempotencyKey);
  if (node.kind === "remote_agent" && outcome.ok) rememberRemote(ctx, node, outcome.result);
  return outcome;
}

/**
 * An MCP tool's customer argument is the verified customer's reference, whatever the model put there; on an "any
 * record" link (an internal agent) the model's value stands when there is no verified customer.
 */
async function withCustomer(
  ctx: TurnContext,
  node: ExternalNode,
  input: Record<string, unknown>,
  records: RecordScope,
): Promise<Record<string, unknown>> {
  const argument = node.kind === "tool" && node.config.source === "mcp" ? node.config.mcp?.customerArgument : "";
  if (!argument) return input;
  const customer = await verifiedCustomer(ctx);
  if (!customer && records === "any") return input;
  const { [argument]: _ignored, ...rest } = input;
  return customer ? { ...rest, [argument]: customer.ref } : rest;
}

/** What {{customer.…}} reads in an HTTP tool: the verified customer only, never who the model says. */
async function verifiedCustomer(ctx: TurnContext) {
  if (ctx.identity.level !== "verified" || !ctx.identity.customerId) return null;
  return ctx.tx.customer.findFirst({
    where: { id: ctx.identity.customerId, workspaceId: ctx.workspaceId },
    select: { id: true, ref: true, email: true, name: true },
  });
}

async function runOnce(
  ctx: TurnContext,
  node: ExternalNode,
  input: Record<string, unknown>,
  idempotencyKey: string,
): Promise<ExternalOutcome> {
  const call = () =>
    node.kind === "remote_agent"
      ? callRemote(ctx, node, input, idempotencyKey)
      : callOnce(ctx, node, input, idempotencyKey);
  if (!node.config.sideEffect) return call();
  // The outside world cannot be rolled back: an evaluation run never calls a side-effecting HTTP or MCP tool.
  if (await inEvalRun(ctx))
    return { ok: false, error: NOT_CALLED_IN_EVAL, retriable: false, attributes: { dryRun: true } };
  await lockIdempotencyKey(ctx.tx, idempotencyKey);
  const previous = await ctx.tx.toolEffect.findUnique({ where: { idempotencyKey } });
  if (previous) return { ok: true, result: asRecord(previous.result), attributes: { replayed: true } };
  const outcome = await call();
  // Only a success is an effect worth remembering; a failure may be tried again.
  if (outcome.ok) {
    await applyOnce(
      ctx.tx,
      {
        idempotencyKey,
        workspaceId: ctx.workspaceId,
        conversationId: ctx.conversationId,
        tool: node.id,
        input: JSON.parse(JSON.stringify(input)),
      },
      async () => JSON.parse(JSON.stringify(outcome.result)),
    );
  }
  return outcome;
}

async function callOnce(
  ctx: TurnContext,
  node: NodeOf<"tool">,
  input: Record<string, unknown>,
  idempotencyKey: string,
): Promise<ExternalOutcome> {
  const allowHosts = allowlistFromEnv();
  if (node.config.source === "http" && node.config.http) {
    const config = node.config.sideEffect
      ? {
          ...node.config.http,
          headers: [...node.config.http.headers, { name: "Idempotency-Key", value: idempotencyKey, secret: "" }],
        }
      : node.config.http;
    const result = await runHttpTool({
      config,
      input,
      scope: { state: ctx.state, customer: (await verifiedCustomer(ctx)) ?? {} },
      resolveSecret: async (name) => {
        const value = await readSecret(ctx.tx, ctx.workspaceId, name);
        if (value === null) throw new Error(`The secret ${name} is not set in Settings.`);
        return value;
      },
      allowHosts,
      signal: ctx.signal,
    });
    const attributes = {
      request: result.request ?? null,
      status: result.status ?? null,
      durationMs: result.durationMs,
    };
    return result.ok
      ? { ok: true, result: asRecord(result.result), attributes }
      : { ok: false, error: result.error, retriable: result.retriable, attributes };
  }
  if (node.config.source === "mcp" && node.config.mcp) {
    const result = await callMcpTool({
      server: node.config.mcp.server,
      tool: node.config.mcp.tool,
      input,
      allowHosts,
      signal: ctx.signal,
      timeoutMs: node.policy?.timeoutMs,
    });
    const attributes = {
      server: node.config.mcp.server.startsWith("stdio:") ? "stdio" : node.config.mcp.server,
      durationMs: result.durationMs,
    };
    if (!result.ok) return { ok: false, error: result.error, retriable: result.retriable, attributes };
    if (result.isError)
      return {
        ok: false,
        error: typeof result.result === "string" ? result.result : JSON.stringify(result.result),
        retriable: false,
        attributes,
      };
    return { ok: true, result: asRecord(result.result), attributes };
  }
  return { ok: false, error: `${node.label} is not configured`, retriable: false, attributes: {} };
}

/** Where a remote agent's conversation lives in the state: its context (and open task) per node, so follow-ups continue it. */
export const REMOTE_AGENTS_KEY = "remoteAgents";

type RemoteMemory = { contextId?: string | null; taskId?: string | null };

function remoteMemory(ctx: TurnContext, nodeId: string): RemoteMemory {
  const all = ctx.state[REMOTE_AGENTS_KEY];
  const entry = all && typeof all === "object" ? (all as Record<string, unknown>)[nodeId] : undefined;
  return entry && typeof entry === "object" ? (entry as RemoteMemory) : {};
}

function rememberRemote(ctx: TurnContext, node: NodeOf<"remote_agent">, result: Record<string, unknown>) {
  const all = (
    ctx.state[REMOTE_AGENTS_KEY] && typeof ctx.state[REMOTE_AGENTS_KEY] === "object" ? ctx.state[REMOTE_AGENTS_KEY] : {}
  ) as Record<string, unknown>;
  ctx.state[REMOTE_AGENTS_KEY] = {
    ...all,
    [node.id]: {
      contextId: result.contextId ?? null,
      taskId: result.taskId ?? null,
      state: result.state,
      answer: result.answer,
    },
  };
  if (node.config.outputKey) setPath(ctx.state, node.config.outputKey, result.answer);
}

async function callRemote(
  ctx: TurnContext,
  node: NodeOf<"remote_agent">,
  input: Record<string, unknown>,
  idempotencyKey: string,
): Promise<ExternalOutcome> {
  const message = typeof input.message === "string" ? input.message : ctx.text;
  const scope = {
    state: ctx.state,
    text: ctx.text,
    intent: (ctx.state.intent as { id?: string } | undefined)?.id ?? null,
    order: ctx.state.order,
    message,
  };
  const memory = remoteMemory(ctx, node.id);
  // The template frames a new request; an answer to the remote agent's own question goes as it was said.
  const rendered = memory.taskId ? { text: message, missing: [] } : renderTemplate(node.config.message, scope);
  if (rendered.missing.length)
    return {
      ok: false,
      error: `the message template cannot fill ${rendered.missing.join(", ")}`,
      retriable: false,
      attributes: {},
    };
  if (!rendered.text.trim()) return { ok: false, error: "there is nothing to send", retriable: false, attributes: {} };
  let headers: { headers: Record<string, string>; secrets: string[] };
  try {
    headers = await resolveHeaders(node.config.headers, scope, async (name) => {
      const value = await readSecret(ctx.tx, ctx.workspaceId, name);
      if (value === null) throw new Error(`The secret ${name} is not set in Settings.`);
      return value;
    });
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      retriable: false,
      attributes: {},
    };
  }
  const outcome = await callRemoteAgent({
    cardUrl: node.config.cardUrl,
    text: rendered.text,
    headers: headers.headers,
    secrets: headers.secrets,
    skill: node.config.skill || undefined,
    contextId: memory.contextId ?? null,
    taskId: memory.taskId ?? null,
    // Stable across retries of the step, so an agent that de-duplicates by message id sees one message.
    messageId: idempotencyKey,
    allowHosts: allowlistFromEnv(),
    timeoutMs: node.config.timeoutMs,
    signal: ctx.signal,
  });
  const attributes = {
    cardUrl: node.config.cardUrl,
    endpoint: outcome.ok ? outcome.agent.endpoint : outcome.endpoint,
    durationMs: outcome.durationMs,
    sent: redactPiiText(rendered.text),
  };
  if (!outcome.ok)
    return {
      ok: false,
      error: outcome.error,
      retriable: outcome.retriable,
      attributes: { ...attributes, phase: outcome.phase },
    };
  const { answer } = outcome;
  const remote = {
    ...attributes,
    agentName: outcome.agent.name,
    remoteState: answer.state,
    contextId: answer.contextId,
    taskId: answer.taskId,
  };
  if (answer.state === "failed" || answer.state === "rejected" || answer.state === "canceled") {
    return {
      ok: false,
      error: `the remote agent ${answer.state === "canceled" ? "cancelled" : answer.state} the task${answer.text ? `: ${answer.text}` : ""}`,
      retriable: false,
      attributes: remote,
    };
  }
  if (answer.state === "auth-required")
    return {
      ok: false,
      error: "the remote agent needs authorization this node does not send",
      retriable: false,
      attributes: remote,
    };
  return {
    ok: true,
    result: {
      answer: answer.text,
      state: answer.state,
      // The remote agent asked a question: its answer is a question for the customer, and their reply continues the task.
      needsInput: answer.state === "input-required",
      ...(answer.data.length ? { data: answer.data } : {}),
      contextId: answer.contextId,
      taskId: answer.taskId,
    },
    attributes: remote,
  };
}
