// A flow turn as an MCP tool result: structuredContent for programs, and the same facts as text for models and
// clients that ignore structured output (so the conversationId needed to continue is never lost).
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { FlowTurn } from "@/lib/interfaces/published-flows/flow-turn";
import { MAX_MESSAGE_LENGTH } from "@/lib/model/limits";

export const flowToolInput = {
  message: z
    .string()
    .max(MAX_MESSAGE_LENGTH)
    .regex(/\S/, "The message is empty.")
    .describe("The customer's message, in their words."),
  conversationId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("Continue this conversation (the conversationId of an earlier result). Omit to start a new one."),
  customer: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("A customer reference known to the workspace (e.g. C-1001), for a new conversation only."),
};

export const flowToolOutput = {
  conversationId: z.string().describe("Pass it back as conversationId to continue this conversation."),
  status: z.string().describe("active, escalated, resolved, abandoned or failed."),
  waitingFor: z
    .string()
    .nullable()
    .describe("What the conversation waits for next: customer, human, approval, timer; null once ended."),
  done: z
    .boolean()
    .describe(
      "False when the flow was still working when the wait ran out: its replies land in the conversation later.",
    ),
  replies: z
    .array(z.object({ author: z.string(), text: z.string() }))
    .describe("The flow's replies to this message, in order."),
};

export type FlowToolOutput = {
  conversationId: string;
  status: string;
  waitingFor: string | null;
  done: boolean;
  replies: { author: string; text: string }[];
};

export function flowTurnOutput(turn: FlowTurn): FlowToolOutput {
  return {
    conversationId: turn.conversationId,
    status: turn.status,
    waitingFor: turn.waitingFor,
    done: turn.done,
    replies: turn.replies.map((reply) => ({ author: reply.author ?? reply.role, text: reply.text })),
  };
}

function describeState(output: FlowToolOutput): string {
  const waiting = output.waitingFor ? `, waiting for ${output.waitingFor}` : "";
  return `conversationId: ${output.conversationId} (status ${output.status}${waiting})`;
}

export function flowTurnResult(turn: FlowTurn): CallToolResult {
  const output = flowTurnOutput(turn);
  if (turn.error) {
    // The message was recorded but the engine could not process it: say so plainly, keep the id for a retry.
    return errorResult(`The flow could not process the message: ${turn.error}\n${describeState(output)}`);
  }
  const lines = output.replies.map((reply) => `${reply.author}: ${reply.text}`);
  if (!output.done)
    lines.push("(The flow is still working on this message; its replies will be added to the conversation.)");
  else if (lines.length === 0) lines.push("(The flow sent no reply to this message.)");
  lines.push("", describeState(output));
  return { content: [{ type: "text", text: lines.join("\n") }], structuredContent: output };
}

export function errorResult(message: string): CallToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}
