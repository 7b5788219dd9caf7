// The LLM router: the model picks a route with a structured output ({route, confidence, reason}); below the node's
// threshold, or an answer that names no route, takes the low-confidence path. The offline stand-in answers by word
// overlap with each route's description and examples; its decision and span say so (offline-usage.ts).
import "server-only";
import { z } from "zod";
import { resolveProvider } from "@/lib/runtime/agents/resolve-provider";
import { offlineOutput, offlineSpanFields } from "./offline-usage";
import { LOW_CONFIDENCE_HANDLE, type NodeOf } from "@/lib/model/flow/schema";
import type { ExecutionResult } from "@/lib/runtime/engine/turn/execution-result";
import { nonRetriable, retriable } from "@/lib/runtime/engine/turn/node-error";
import type { TurnContext } from "@/lib/runtime/engine/turn/turn-context";
import { isProviderError } from "@/lib/runtime/agents/types";

const NONE = "none";

const answerSchema = z.object({
  route: z.string(),
  confidence: z.number().min(0).max(1),
  reason: z.string().max(2000).default(""),
});

export async function runLlmRouter(node: NodeOf<"router">, ctx: TurnContext): Promise<ExecutionResult> {
  const { provider, model, providerName } = await resolveProvider(ctx.tx, ctx.workspaceId, node.config.model);
  const routes = node.config.routes;
  const ids = routes.map((r) => r.id);
  const schema = {
    type: "object",
    additionalProperties: false,
    required: ["route", "confidence", "reason"],
    properties: {
      route: { type: "string", enum: [...ids, NONE] },
      confidence: { type: "number", minimum: 0, maximum: 1 },
      reason: { type: "string" },
    },
  };
  const system = [
    "You route a customer-service message to exactly one route. Answer with JSON only.",
    `If no route fits, answer "${NONE}".`,
    "Routes:",
    ...routes.map(
      (r) =>
        `- ${r.id}: ${r.description || r.label}${
          r.examples.length
            ? ` (e.g. ${r.examples
                .slice(0, 3)
                .map((e) => JSON.stringify(e))
                .join(", ")})`
            : ""
        }`,
    ),
  ].join("\n");
  let answer;
  try {
    answer = await provider.chat({
      model,
      messages: [
        { role: "system", content: system },
        { role: "user", content: ctx.text },
      ],
      temperature: 0,
      responseSchema: { name: "route_choice", schema },
      offline: {
        routes: routes.map((r) => ({ id: r.id, description: r.description || r.label, examples: r.examples })),
      },
      signal: ctx.signal,
    });
  } catch (error) {
    if (isProviderError(error))
      throw error.retriable
        ? retriable(`${node.label}: ${error.message}`, "MODEL_ERROR")
        : nonRetriable(`${node.label}: ${error.message}`, "MODEL_ERROR");
    throw error;
  }
  let parsed: z.output<typeof answerSchema> | null;
  try {
    const candidate = answerSchema.safeParse(JSON.parse(answer.text));
    parsed = candidate.success ? candidate.data : null;
  } catch {
    parsed = null;
  }
  const known = parsed && ids.includes(parsed.route);
  const confident = Boolean(known && parsed!.confidence >= node.config.threshold);
  const chosen = confident ? parsed!.route : LOW_CONFIDENCE_HANDLE;
  const route = routes.find((r) => r.id === chosen);
  ctx.state.intent = { id: chosen, label: route?.label ?? "unclear request", confidence: parsed?.confidence ?? 0 };
  const offline = offlineOutput(providerName, node.config.model);
  const decision = {
    strategy: "llm",
    model: answer.model,
    provider: providerName,
    ...offline,
    candidates: known ? [{ intent: parsed!.route, score: parsed!.confidence }] : [],
    predicted: parsed?.route ?? null,
    confidence: parsed?.confidence ?? 0,
    threshold: node.config.threshold,
    chosen,
    lowConfidence: !confident,
    reason: parsed ? parsed.reason : `The model's answer was not a valid route choice: ${answer.text.slice(0, 200)}`,
    flowVersionId: ctx.flowVersionId,
  };
  return {
    output: { decision },
    next: chosen,
    spans: [
      {
        kind: "llm",
        name: answer.model,
        durationMs: answer.latencyMs,
        tokensIn: answer.usage.inputTokens,
        tokensOut: answer.usage.outputTokens,
        costUsd: answer.costUsd ?? undefined,
        ...offlineSpanFields(providerName),
        output: { text: answer.text },
        attributes: {
          provider: providerName,
          attempts: answer.attempts,
          fallbackUsed: answer.fallbackUsed,
          finishReason: answer.finishReason,
          structured: true,
          ...offline,
        },
      },
      { kind: "route", name: node.label, input: { text: ctx.text }, output: decision, durationMs: answer.latencyMs },
    ],
  };
}
