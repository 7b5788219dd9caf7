// Translation between our chat types and the OpenAI chat-completions wire format: request parameters, messages and
// tools out, tool calls (JSON arguments written by the model) back in.
import "server-only";
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from "openai/resources/chat/completions";
import { ProviderError, type ChatMessage, type ChatRequest, type ToolCall, type ToolSpec } from "./types";

type BaseParams = Omit<ChatCompletionCreateParamsNonStreaming, "stream">;

export function buildParams(request: ChatRequest): BaseParams {
  const params: BaseParams = { model: request.model, messages: request.messages.map(toOpenAIMessage) };
  if (request.tools?.length) params.tools = request.tools.map(toOpenAITool);
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.maxOutputTokens !== undefined) params.max_completion_tokens = request.maxOutputTokens;
  if (request.responseSchema) {
    params.response_format = {
      type: "json_schema",
      json_schema: { name: request.responseSchema.name, schema: request.responseSchema.schema, strict: true },
    };
  }
  return params;
}

export function toOpenAIMessage(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case "system":
      return { role: "system", content: message.content };
    case "user":
      return { role: "user", content: message.content };
    case "assistant":
      return message.toolCalls?.length
        ? {
            role: "assistant",
            content: message.content || null,
            tool_calls: message.toolCalls.map((call) => ({
              id: call.id,
              type: "function" as const,
              function: { name: call.name, arguments: JSON.stringify(call.arguments) },
            })),
          }
        : { role: "assistant", content: message.content };
    case "tool":
      return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
  }
}

export function toOpenAITool(tool: ToolSpec): ChatCompletionTool {
  return {
    type: "function",
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  };
}

/** Tool arguments are JSON text written by the model; anything but a JSON object is the model's mistake. */
export function parseToolCall(id: string, name: string, rawArguments: string | null | undefined): ToolCall {
  const raw = rawArguments?.trim() ? rawArguments : "{}";
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ProviderError(
      "malformed_tool_arguments",
      `The model called ${name || "a tool"} with arguments that are not valid JSON.`,
    );
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ProviderError(
      "malformed_tool_arguments",
      `The model called ${name || "a tool"} with arguments that are not a JSON object.`,
    );
  }
  if (!name) throw new ProviderError("malformed_response", "The model made a tool call without a tool name.");
  return { id, name, arguments: parsed as Record<string, unknown> };
}
