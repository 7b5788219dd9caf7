// HTTP and MCP tools as the engine calls them: the workspace's secrets resolved on the server, the SSRF guard's
// allowlist from the environment, and — for tools marked as having side effects — the call recorded in the ledger
// under its idempotency key, so a retried step never calls the outside world twice.
import "server-only";
import type { NodeOf } from "@/lib/flow/schema";
import { allowlistFromEnv } from "@/lib/net/ssrf-guard";
import { readSecret } from "@/lib/settings/read-secret";
import { runHttpTool } from "@/lib/tools/http-tool";
import { applyOnce } from "@/lib/tools/ledger";
import { callMcpTool } from "@/lib/tools/mcp-tool";
import { lockIdempotencyKey } from "@/lib/tools/tool-locks";
import { inEvalRun } from "./run-builtin-tool";
import type { TurnContext } from "./turn-context";

export type ExternalOutcome =
  | { ok: true; result: Record<string, unknown>; attributes: Record<string, unknown> }
  | { ok: false; error: string; retriable: boolean; attributes: Record<string, unknown> };

export const NOT_CALLED_IN_EVAL = "not called during an evaluation run";

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value });

export async function runExternalTool(ctx: TurnContext, node: NodeOf<"tool">, input: Record<string, unknown>, idempotencyKey: string): Promise<ExternalOutcome> {
  const call = () => callOnce(ctx, node, input, idempotencyKey);
  if (!node.config.sideEffect) return call();
  // The outside world cannot be rolled back: an evaluation run never calls a side-effecting HTTP or MCP tool.
  if (await inEvalRun(ctx)) return { ok: false, error: NOT_CALLED_IN_EVAL, retriable: false, attributes: { dryRun: true } };
  await lockIdempotencyKey(ctx.tx, idempotencyKey);
  const previous = await ctx.tx.toolEffect.findUnique({ where: { idempotencyKey } });
  if (previous) return { ok: true, result: asRecord(previous.result), attributes: { replayed: true } };
  const outcome = await call();
  // Only a success is an effect worth remembering; a failure may be tried again.
  if (outcome.ok) {
    await applyOnce(ctx.tx, { idempotencyKey, workspaceId: ctx.workspaceId, conversationId: ctx.conversationId, tool: node.id, input: JSON.parse(JSON.stringify(input)) }, async () => JSON.parse(JSON.stringify(outcome.result)));
  }
  return outcome;
}

async function callOnce(ctx: TurnContext, node: NodeOf<"tool">, input: Record<string, unknown>, idempotencyKey: string): Promise<ExternalOutcome> {
  const allowHosts = allowlistFromEnv();
  if (node.config.source === "http" && node.config.http) {
    const config = node.config.sideEffect
      ? { ...node.config.http, headers: [...node.config.http.headers, { name: "Idempotency-Key", value: idempotencyKey, secret: "" }] }
      : node.config.http;
    const result = await runHttpTool({
      config,
      input,
      scope: { state: ctx.state },
      resolveSecret: async (name) => {
        const value = await readSecret(ctx.tx, ctx.workspaceId, name);
        if (value === null) throw new Error(`The secret ${name} is not set in Settings.`);
        return value;
      },
      allowHosts,
      signal: ctx.signal,
    });
    const attributes = { request: result.request ?? null, status: result.status ?? null, durationMs: result.durationMs };
    return result.ok ? { ok: true, result: asRecord(result.result), attributes } : { ok: false, error: result.error, retriable: result.retriable, attributes };
  }
  if (node.config.source === "mcp" && node.config.mcp) {
    const result = await callMcpTool({ server: node.config.mcp.server, tool: node.config.mcp.tool, input, allowHosts, signal: ctx.signal, timeoutMs: node.policy?.timeoutMs });
    const attributes = { server: node.config.mcp.server.startsWith("stdio:") ? "stdio" : node.config.mcp.server, durationMs: result.durationMs };
    if (!result.ok) return { ok: false, error: result.error, retriable: result.retriable, attributes };
    if (result.isError) return { ok: false, error: typeof result.result === "string" ? result.result : JSON.stringify(result.result), retriable: false, attributes };
    return { ok: true, result: asRecord(result.result), attributes };
  }
  return { ok: false, error: `${node.label} is not configured`, retriable: false, attributes: {} };
}
