// Runs one A2A message as one Switchboard turn. The context id maps to one conversation: the first message of a new
// context opens it (runFlowTurn), later ones continue it. The turn's outcome becomes the task's state (turn-state.ts);
// each reply is a status update, and the final status carries all of them.
import "server-only";
import { randomUUID } from "node:crypto";
import { TaskState, type Task, type TaskStatus } from "@a2a-js/sdk";
import { AgentEvent, type AgentExecutor, type ExecutionEventBus, type RequestContext } from "@a2a-js/sdk/server";
import type { ApiKeyPrincipal } from "@/lib/interfaces/api-keys/authenticate-api-key";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { AppError } from "@/lib/model/errors";
import { runFlowTurn, type FlowTurn } from "@/lib/interfaces/published-flows/flow-turn";
import type { PublishedFlow } from "@/lib/interfaces/published-flows/published-flows";
import { apiKeyActor } from "@/lib/interfaces/api-keys/api-key-actor";
import { claimContext, contextLink, linkOpenedConversation, unseenReplies } from "./context-conversation";
import { agentMessage, requireText } from "./message-text";
import { LINK_KEY, taskLink, type TaskLink } from "./task-link";
import type { TaskScope } from "./task-store";
import { taskStateForTurn } from "./turn-state";

const now = () => new Date().toISOString();

function newTask(request: RequestContext, link: TaskLink | null): Task {
  return {
    id: request.taskId,
    contextId: request.contextId,
    status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: now() },
    artifacts: [],
    history: [request.userMessage],
    metadata: link ? { [LINK_KEY]: link } : {},
  };
}

function wasCanceled(taskId: string): boolean {
  running.delete(taskId);
  return canceled.delete(taskId);
}

/**
 * Tasks whose turn runs in this process (task id → context id), and those canceled meanwhile: a cancel may come in
 * another request (another executor instance) while the turn still finishes in the engine; the task reports nothing more.
 */
const running = new Map<string, string>();
const canceled = new Set<string>();

export class FlowAgentExecutor implements AgentExecutor {
  constructor(
    private readonly key: ApiKeyPrincipal,
    private readonly flow: PublishedFlow,
    private readonly scope: TaskScope,
  ) {}

  /**
   * Failures end the task as failed with a safe message: left to the SDK, the task would carry the raw error text
   * (a database message) to the client.
   */
  async execute(request: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = request;
    let started = false; // the SDK wants a task event first, on every turn
    try {
      const link = taskLink(request.task) ?? (await contextLink(this.scope, contextId));
      bus.publish(AgentEvent.task(request.task ?? newTask(request, link)));
      started = true;
      await this.run(request, bus, link);
    } catch (error) {
      console.error("[a2a] task failed", error);
      running.delete(taskId);
      if (!started) bus.publish(AgentEvent.task(request.task ?? newTask(request, null)));
      this.finish(bus, taskId, contextId, {
        state: TaskState.TASK_STATE_FAILED,
        texts: ["Something went wrong on our side. It has been logged."],
        link: null,
      });
    }
  }

  private async run(request: RequestContext, bus: ExecutionEventBus, link: TaskLink | null): Promise<void> {
    const { taskId, contextId } = request;
    const message = request.userMessage;
    const text = requireText(message);
    bus.publish(
      AgentEvent.statusUpdate({
        taskId,
        contextId,
        status: { state: TaskState.TASK_STATE_WORKING, message: undefined, timestamp: now() },
        metadata: undefined,
      }),
    );

    running.set(taskId, contextId);
    let turn: FlowTurn;
    try {
      turn = await runFlowTurn(this.key, "a2a", {
        flowSlug: this.flow.slug,
        conversationId: link?.conversationId ?? null,
        text,
        // A client retrying the same message (same messageId) does not make the customer say it twice.
        idempotencyKey: link ? `a2a:${message.messageId}` : null,
        ...(link
          ? {}
          : {
              claim: (tx) => claimContext(tx, this.scope, contextId),
              opened: (tx, conversationId) =>
                linkOpenedConversation(tx, this.scope, request.task ?? newTask(request, null), conversationId),
            }),
      });
    } catch (error) {
      if (!(error instanceof AppError)) console.error("[a2a] turn failed", error);
      if (wasCanceled(taskId)) return;
      const userMessage = error instanceof AppError ? error.userMessage : "The flow could not take this message.";
      await this.audit(taskId, {
        contextId,
        conversationId: link?.conversationId ?? null,
        state: "TASK_STATE_FAILED",
        error: userMessage,
      });
      this.finish(bus, taskId, contextId, { state: TaskState.TASK_STATE_FAILED, texts: [userMessage], link });
      return;
    }
    if (wasCanceled(taskId)) return;

    const replies = await unseenReplies(turn.conversationId, link?.lastMessageSeq ?? 0);
    const next: TaskLink = {
      conversationId: turn.conversationId,
      lastMessageSeq: replies.at(-1)?.seq ?? link?.lastMessageSeq ?? 0,
    };
    for (const reply of replies) {
      bus.publish(
        AgentEvent.statusUpdate({
          taskId,
          contextId,
          status: {
            state: TaskState.TASK_STATE_WORKING,
            message: agentMessage({ messageId: reply.id, taskId, contextId, texts: [reply.text] }),
            timestamp: now(),
          },
          metadata: undefined,
        }),
      );
    }
    const outcome = taskStateForTurn(turn);
    const texts = [...replies.map((r) => r.text), ...(outcome.note ? [outcome.note] : [])];
    // Audited before the final status: a blocking caller gets its answer the moment that status is published.
    await this.audit(taskId, {
      contextId,
      conversationId: turn.conversationId,
      state: TaskState[outcome.state],
      replies: replies.length,
    });
    this.finish(bus, taskId, contextId, { state: outcome.state, texts, link: next, turn });
  }

  private audit(taskId: string, after: Record<string, unknown>): Promise<void> {
    return auditLog({
      workspaceId: this.key.workspaceId,
      actor: apiKeyActor(this.key),
      action: "a2a_task.message_sent",
      resourceType: "a2a_task",
      resourceId: taskId,
      after: { flow: this.flow.slug, ...after },
    });
  }

  private finish(
    bus: ExecutionEventBus,
    taskId: string,
    contextId: string,
    end: { state: TaskState; texts: string[]; link: TaskLink | null; turn?: FlowTurn },
  ) {
    const status: TaskStatus = {
      state: end.state,
      message: end.texts.length
        ? agentMessage({ messageId: randomUUID(), taskId, contextId, texts: end.texts })
        : undefined,
      timestamp: now(),
    };
    const metadata = end.link
      ? {
          [LINK_KEY]: {
            ...end.link,
            conversationStatus: end.turn?.status ?? null,
            waitingFor: end.turn?.waitingFor ?? null,
          },
        }
      : undefined;
    bus.publish(AgentEvent.statusUpdate({ taskId, contextId, status, metadata }));
  }

  async cancelTask(taskId: string, bus: ExecutionEventBus): Promise<void> {
    const contextId = running.get(taskId);
    if (contextId === undefined) return; // not running here: the request handler then reports "not cancelable"
    canceled.add(taskId);
    bus.publish(
      AgentEvent.statusUpdate({
        taskId,
        contextId,
        status: { state: TaskState.TASK_STATE_CANCELED, message: undefined, timestamp: now() },
        metadata: undefined,
      }),
    );
  }
}
