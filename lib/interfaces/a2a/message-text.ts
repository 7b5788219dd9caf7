// A2A messages in and out: only text parts are understood here, anything else is refused before a task exists.
import { Role, type Message, type Part } from "@a2a-js/sdk";
import { RequestMalformedError } from "@a2a-js/sdk/errors";
import { MAX_MESSAGE_LENGTH } from "@/lib/model/limits";

export function textPart(text: string): Part {
  return { content: { $case: "text", value: text }, mediaType: "text/plain", filename: "", metadata: undefined };
}

/** The text of a client message; throws the SDK's invalid-params error (JSON-RPC -32602) for any other part. */
export function requireText(message: Message | undefined): string {
  const parts = message?.parts ?? [];
  if (parts.length === 0) throw new RequestMalformedError("The message has no parts: send at least one text part.");
  const texts: string[] = [];
  for (const part of parts) {
    if (part.content?.$case !== "text") {
      throw new RequestMalformedError(`Only text parts are supported; got a ${part.content?.$case ?? "empty"} part.`);
    }
    texts.push(part.content.value);
  }
  const text = texts.join("\n").trim();
  if (!text) throw new RequestMalformedError("The message text is empty.");
  if (text.length > MAX_MESSAGE_LENGTH)
    throw new RequestMalformedError(`Messages are limited to ${MAX_MESSAGE_LENGTH} characters.`);
  return text;
}

export function agentMessage(options: {
  messageId: string;
  taskId: string;
  contextId: string;
  texts: string[];
}): Message {
  return {
    messageId: options.messageId,
    taskId: options.taskId,
    contextId: options.contextId,
    role: Role.ROLE_AGENT,
    parts: options.texts.map(textPart),
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}
