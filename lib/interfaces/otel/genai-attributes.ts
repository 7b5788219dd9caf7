// The OpenTelemetry GenAI semantic-convention names the export uses. Spelled out here rather than imported: in
// @opentelemetry/semantic-conventions 1.45 they live under /incubating and are marked deprecated there (moved to the
// separate GenAI conventions repository), while the wire names below are what Langfuse, Jaeger and Tempo read.

export const GEN_AI = {
  operationName: "gen_ai.operation.name",
  providerName: "gen_ai.provider.name",
  /** The pre-1.37 name of provider.name; older backends (and Langfuse before its provider support) read this one. */
  system: "gen_ai.system",
  requestModel: "gen_ai.request.model",
  responseModel: "gen_ai.response.model",
  responseFinishReasons: "gen_ai.response.finish_reasons",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  toolName: "gen_ai.tool.name",
  toolCallId: "gen_ai.tool.call.id",
  toolType: "gen_ai.tool.type",
  toolCallArguments: "gen_ai.tool.call.arguments",
  toolCallResult: "gen_ai.tool.call.result",
  agentName: "gen_ai.agent.name",
  agentId: "gen_ai.agent.id",
  conversationId: "gen_ai.conversation.id",
  workflowName: "gen_ai.workflow.name",
  inputMessages: "gen_ai.input.messages",
  outputMessages: "gen_ai.output.messages",
} as const;

export const GEN_AI_OPERATION = {
  chat: "chat",
  executeTool: "execute_tool",
  invokeAgent: "invoke_agent",
  invokeWorkflow: "invoke_workflow",
} as const;

/** Every provider Switchboard calls speaks the OpenAI API through the `openai` client. */
export const GEN_AI_PROVIDER_OPENAI = "openai";

/** Standard (non-GenAI) attributes the export sets. */
export const STANDARD = {
  errorType: "error.type",
  /** Langfuse and OpenInference group traces into sessions by this: a Switchboard conversation. */
  sessionId: "session.id",
  serviceName: "service.name",
} as const;
