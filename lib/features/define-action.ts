// The one server-action wrapper: session → workspace → permission → zod → domain call in a transaction with its
// audit entry → revalidate. Returns data the client can render, never a thrown error.
import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { auditLog, type AuditEntry } from "@/lib/platform/audit/audit-log";
import { requireMember, type Member } from "@/lib/platform/auth/current-member";
import type { Permission } from "@/lib/model/permissions";
import { db, type Tx } from "@/lib/platform/db/client";
import { toAppError } from "@/lib/model/errors";
import { assertSafeJson } from "@/lib/model/safe-text";

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; message: string; code: string; fieldErrors?: Record<string, string[]> };

export type AuditRecord = Omit<AuditEntry, "workspaceId" | "actor">;

export type HandlerResult<T> = { data: T; audit: AuditRecord | AuditRecord[] };

export function defineAction<S extends z.ZodType, T>(options: {
  permission: Permission;
  schema: S;
  handler: (input: z.output<S>, ctx: { member: Member; tx: Tx }) => Promise<HandlerResult<T>>;
  revalidate?: string[];
  /** Transaction time limit; the default (5 s) suits almost everything. Publishing trains classifiers. */
  timeoutMs?: number;
  /**
   * Slow work that needs no transaction (training a flow's classifiers into a cache), run after the permission and
   * schema checks and before the transaction opens, so that the transaction, and the locks it takes, stay short.
   */
  prepare?: (input: z.output<S>, ctx: { member: Member }) => Promise<void>;
  /**
   * "none" for actions that wait on the engine (a test chat turn): holding a transaction, and so a pooled connection,
   * while the worker runs the turn would starve the pool. The handler then runs on the pool, statement by statement,
   * and its audit entries are written once it returns: the work it waited for has already committed on its own.
   */
  transaction?: "per-action" | "none";
}): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const member = await requireMember(options.permission);
      // A NUL or an unpaired surrogate cannot be stored: a clear 400 before any schema or query sees it.
      assertSafeJson(raw);
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) throw parsed.error;
      await options.prepare?.(parsed.data, { member });
      const run = async (tx: Tx) => {
        const result = await options.handler(parsed.data, { member, tx });
        const actor = { type: "user" as const, id: member.userId, label: member.email };
        for (const record of [result.audit].flat()) {
          await auditLog(
            { ...record, workspaceId: member.workspaceId, actor },
            options.transaction === "none" ? undefined : tx,
          );
        }
        return result.data;
      };
      const data =
        options.transaction === "none"
          ? await run(db())
          : await db().$transaction(run, options.timeoutMs ? { timeout: options.timeoutMs } : undefined);
      for (const path of options.revalidate ?? []) revalidatePath(path);
      return { ok: true, data };
    } catch (error) {
      const appError = toAppError(error);
      if (appError.status >= 500) console.error("[action]", appError.message);
      return { ok: false, message: appError.userMessage, code: appError.code, fieldErrors: appError.fieldErrors };
    }
  };
}
