// What a Switchboard turn means to an A2A client: the task state it ends in and, when the state alone does not say
// what to do next, a note for the agent message. Pure, so the mapping is unit-tested.
import { TaskState } from "@a2a-js/sdk";

export type TurnOutcome = {
  /** The conversation's status after the turn: active | escalated | resolved | abandoned | failed. */
  status: string;
  /** customer | human | approval | timer, or null once the run has ended. */
  waitingFor: string | null;
  /** False when the engine was still working when the wait ran out. */
  done: boolean;
  error: string | null;
};

export type TurnTaskState = { state: TaskState; note: string | null };

export const ESCALATED_NOTE =
  "A person on our team has taken over this conversation. Send your next message in the same context: it goes to them, " +
  "and their replies come back with the answer to it.";
export const STILL_RUNNING_NOTE =
  "Still working on it. The replies will come back with the answer to your next message in the same context.";
export const FAILED_NOTE = "The flow could not finish this message. The failure is logged in the conversation's trace.";
export const APPROVAL_NOTE =
  "An action is waiting for approval by our team. Send your next message in the same context to continue; " +
  "replies given meanwhile come back with the answer to it.";

/**
 * Escalated and approval waits map to input-required, not working: nothing pushes later updates to an A2A client
 * (no push notifications, and a stream ends with the turn), so "working" would leave a blocking client waiting on a
 * task that never moves. input-required tells it the one thing it can do — send another message in the context — and
 * that next turn brings back whatever the person wrote in between.
 */
export function taskStateForTurn(turn: TurnOutcome): TurnTaskState {
  if (turn.error || turn.status === "failed") return { state: TaskState.TASK_STATE_FAILED, note: FAILED_NOTE };
  if (turn.status === "resolved") return { state: TaskState.TASK_STATE_COMPLETED, note: null };
  if (turn.status === "abandoned")
    return { state: TaskState.TASK_STATE_CANCELED, note: "This conversation was closed." };
  if (!turn.done) return { state: TaskState.TASK_STATE_WORKING, note: STILL_RUNNING_NOTE };
  if (turn.status === "escalated" || turn.waitingFor === "human")
    return { state: TaskState.TASK_STATE_INPUT_REQUIRED, note: ESCALATED_NOTE };
  if (turn.waitingFor === "approval") return { state: TaskState.TASK_STATE_INPUT_REQUIRED, note: APPROVAL_NOTE };
  return { state: TaskState.TASK_STATE_INPUT_REQUIRED, note: null };
}
