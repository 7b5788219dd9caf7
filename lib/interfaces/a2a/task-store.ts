// The SDK's TaskStore on the A2aTask table, so any web instance answers tasks/get and continues a task another one
// started. Scoped to one workspace and flow: a task id from elsewhere loads as "not found", and saving over it fails.
import "server-only";
import { Task, taskStateToJSON, type ListTasksRequest, type ListTasksResponse } from "@a2a-js/sdk";
import type { TaskStore } from "@a2a-js/sdk/server";
import { db } from "@/lib/platform/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { taskLink } from "./task-link";

export type TaskScope = { workspaceId: string; flowId: string };

const MAX_PAGE = 100;

export class PostgresTaskStore implements TaskStore {
  constructor(private readonly scope: TaskScope) {}

  async load(taskId: string): Promise<Task | undefined> {
    const row = await db().a2aTask.findFirst({ where: { id: taskId, ...this.scope }, select: { task: true } });
    return row ? Task.fromJSON(row.task) : undefined;
  }

  async save(task: Task): Promise<void> {
    const json = Task.toJSON(task) as Prisma.InputJsonValue;
    const state = taskStateToJSON(task.status?.state ?? 0);
    const conversationId = taskLink(task)?.conversationId ?? null;
    const updated = await db().a2aTask.updateMany({
      where: { id: task.id, ...this.scope },
      data: { task: json, state, contextId: task.contextId, ...(conversationId ? { conversationId } : {}) },
    });
    // A new task, or an id another workspace holds: then the primary key refuses the insert and nothing is written.
    if (updated.count === 0) {
      try {
        await db().a2aTask.create({
          data: { id: task.id, ...this.scope, contextId: task.contextId, conversationId, state, task: json },
        });
      } catch (error) {
        // The turn's opening transaction may have just written the row (context-conversation.ts): update it after all.
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
        const retried = await db().a2aTask.updateMany({
          where: { id: task.id, ...this.scope },
          data: { task: json, state, contextId: task.contextId, ...(conversationId ? { conversationId } : {}) },
        });
        if (retried.count === 0) throw error;
      }
    }
  }

  async list(params: ListTasksRequest): Promise<ListTasksResponse> {
    const pageSize = Math.min(Math.max(params.pageSize ?? 50, 1), MAX_PAGE);
    const offset = Math.max(0, Number.parseInt(params.pageToken || "0", 10) || 0);
    const where: Prisma.A2aTaskWhereInput = {
      ...this.scope,
      ...(params.contextId ? { contextId: params.contextId } : {}),
      ...(params.status ? { state: taskStateToJSON(params.status) } : {}),
      ...(params.statusTimestampAfter ? { updatedAt: { gte: new Date(params.statusTimestampAfter) } } : {}),
    };
    const [totalSize, rows] = await Promise.all([
      db().a2aTask.count({ where }),
      db().a2aTask.findMany({
        where,
        orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
        skip: offset,
        take: pageSize,
        select: { task: true },
      }),
    ]);
    const tasks = rows.map((row) => {
      const task = Task.fromJSON(row.task);
      if (!params.includeArtifacts) task.artifacts = [];
      return task;
    });
    const next = offset + rows.length;
    return { tasks, nextPageToken: next < totalSize ? String(next) : "", pageSize, totalSize };
  }
}
