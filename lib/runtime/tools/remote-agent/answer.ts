// What a remote A2A agent said, reduced to what the engine needs: the task state in plain words, the answer text,
// and the ids that let the next message continue the same remote context (and, when it asked a question, task).
// Pure: unit-tested without a server.
import { Role, TaskState, type Message, type Part, type Task } from "@a2a-js/sdk";

export type RemoteState =
  "completed" | "input-required" | "auth-required" | "failed" | "rejected" | "canceled" | "working";

export type RemoteAnswer = {
  state: RemoteState;
  /** The agent's words: the status message, else the artifacts' text, else its last message in the history. */
  text: string;
  /** Structured parts the agent returned beside the text (data parts), if any. */
  data: unknown[];
  contextId: string | null;
  taskId: string | null;
};

const STATES: Partial<Record<TaskState, RemoteState>> = {
  [TaskState.TASK_STATE_COMPLETED]: "completed",
  [TaskState.TASK_STATE_INPUT_REQUIRED]: "input-required",
  [TaskState.TASK_STATE_AUTH_REQUIRED]: "auth-required",
  [TaskState.TASK_STATE_FAILED]: "failed",
  [TaskState.TASK_STATE_REJECTED]: "rejected",
  [TaskState.TASK_STATE_CANCELED]: "canceled",
};

export const isTask = (result: Message | Task): result is Task => "status" in result && "artifacts" in result;

function partsText(parts: Part[] | undefined): string {
  return (parts ?? [])
    .map((part) => (part.content?.$case === "text" ? part.content.value : ""))
    .filter((text) => text.trim() !== "")
    .join("\n")
    .trim();
}

function partsData(parts: Part[] | undefined): unknown[] {
  return (parts ?? []).flatMap((part) =>
    part.content?.$case === "data" && part.content.value !== undefined ? [part.content.value] : [],
  );
}

export function readAnswer(result: Message | Task): RemoteAnswer {
  if (!isTask(result)) {
    // A direct message is a finished exchange: there is no task to continue, only the context.
    return {
      state: "completed",
      text: partsText(result.parts),
      data: partsData(result.parts),
      contextId: result.contextId || null,
      taskId: null,
    };
  }
  const state = (result.status && STATES[result.status.state]) ?? "working";
  const statusText = partsText(result.status?.message?.parts);
  const artifactParts = result.artifacts.flatMap((artifact) => artifact.parts);
  const lastAgentMessage = [...result.history].reverse().find((message) => message.role === Role.ROLE_AGENT);
  const text = statusText || partsText(artifactParts) || partsText(lastAgentMessage?.parts);
  const data = [...partsData(result.status?.message?.parts), ...partsData(artifactParts)];
  // A finished task is not continued; a task that asks for input (or auth) is, with the customer's next words.
  const open = state === "input-required" || state === "auth-required" || state === "working";
  return { state, text, data, contextId: result.contextId || null, taskId: open ? result.id || null : null };
}
