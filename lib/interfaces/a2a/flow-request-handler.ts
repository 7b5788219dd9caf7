// The SDK's request handler for one published flow and one API key: Postgres tasks scoped to the key's workspace and
// the flow, the flow's executor, text-only input checked before any task exists, and canceled tasks audited.
import "server-only";
import {
  TaskState,
  type AgentCard,
  type CancelTaskRequest,
  type SendMessageRequest,
  type StreamResponse,
  type Task,
} from "@a2a-js/sdk";
import {
  DefaultExecutionEventBusManager,
  DefaultRequestHandler,
  type ServerCallContext,
  type User,
} from "@a2a-js/sdk/server";
import type { ApiKeyPrincipal } from "@/lib/interfaces/api-keys/authenticate-api-key";
import { auditLog } from "@/lib/platform/audit/audit-log";
import type { PublishedFlow } from "@/lib/interfaces/published-flows/published-flows";
import { apiKeyActor } from "@/lib/interfaces/api-keys/api-key-actor";
import { FlowAgentExecutor } from "./flow-agent-executor";
import { requireText } from "./message-text";
import { PostgresTaskStore } from "./task-store";

/** The caller as the SDK sees it; buses are scoped by userName, so one workspace never attaches to another's task. */
export class ApiKeyUser implements User {
  constructor(private readonly key: ApiKeyPrincipal) {}
  get isAuthenticated(): boolean {
    return true;
  }
  get userName(): string {
    return `workspace:${this.key.workspaceId}`;
  }
}

// One per process, so tasks/resubscribe and tasks/cancel reach a turn still running on this instance. Buses are
// released when each turn ends (keepBusAliveStates: []), so input-required tasks hold no memory between messages.
const busManager = new DefaultExecutionEventBusManager();

export class FlowRequestHandler extends DefaultRequestHandler {
  constructor(
    private readonly apiKey: ApiKeyPrincipal,
    private readonly publishedFlow: PublishedFlow,
    card: AgentCard,
  ) {
    const scope = { workspaceId: apiKey.workspaceId, flowId: publishedFlow.id };
    super(
      card,
      new PostgresTaskStore(scope),
      new FlowAgentExecutor(apiKey, publishedFlow, scope),
      busManager,
      undefined,
      undefined,
      undefined,
      undefined,
      {
        keepBusAliveStates: [],
      },
    );
  }

  override async sendMessage(params: SendMessageRequest, context: ServerCallContext) {
    requireText(params.message);
    return super.sendMessage(params, context);
  }

  override async *sendMessageStream(
    params: SendMessageRequest,
    context: ServerCallContext,
  ): AsyncGenerator<StreamResponse, void, undefined> {
    requireText(params.message);
    yield* super.sendMessageStream(params, context);
  }

  override async cancelTask(params: CancelTaskRequest, context: ServerCallContext): Promise<Task> {
    const before = await this.getTask({ tenant: "", id: params.id }, context);
    const task = await super.cancelTask(params, context);
    if (before.status?.state === TaskState.TASK_STATE_CANCELED) return task; // already canceled: nothing changed
    await auditLog({
      workspaceId: this.apiKey.workspaceId,
      actor: apiKeyActor(this.apiKey),
      action: "a2a_task.canceled",
      resourceType: "a2a_task",
      resourceId: task.id,
      after: { flow: this.publishedFlow.slug, contextId: task.contextId, state: "TASK_STATE_CANCELED" },
    });
    return task;
  }
}
