// Shared by the draft, publish, rollback and test-run functions: find a flow inside one workspace (another
// workspace's id is simply "not found"), lock it for the rest of the transaction, and say who moved the draft on.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import type { Flow } from "@/lib/generated/prisma/client";

/**
 * Locks the flow row (FOR UPDATE) so publishes, rollbacks and saves of one flow run one after another; version
 * numbers and draft revisions cannot race. NOT_FOUND when the flow is not in this workspace.
 */
export async function lockFlow(tx: Tx, workspaceId: string, flowId: string): Promise<Flow> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Flow" WHERE id = ${flowId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
  if (rows.length === 0)
    throw new AppError("NOT_FOUND", { userMessage: "That flow does not exist in this workspace." });
  return tx.flow.findUniqueOrThrow({ where: { id: flowId } });
}

export async function findFlow(tx: Tx, workspaceId: string, flowId: string): Promise<Flow> {
  const flow = await tx.flow.findFirst({ where: { id: flowId, workspaceId } });
  if (!flow) throw new AppError("NOT_FOUND", { userMessage: "That flow does not exist in this workspace." });
  return flow;
}

const TIME = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const DAY_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** "12:01 UTC" today, "20 Nov, 12:01 UTC" on another day. */
export function formatSavedAt(at: Date, now = new Date()): string {
  const sameDay = at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10);
  return `${(sameDay ? TIME : DAY_TIME).format(at)} UTC`;
}

/**
 * The CONFLICT raised when the draft is no longer at the revision the caller started from: names who saved the
 * newer draft and when, so the person can decide whether to load it or keep their own copy first.
 */
export async function draftConflict(
  tx: Tx,
  flow: Pick<Flow, "id" | "draftRevision" | "draftUpdatedAt" | "draftUpdatedById">,
  options: { baseRevision: number; userId?: string | null; doing?: string },
): Promise<AppError> {
  const author = flow.draftUpdatedById
    ? await tx.user.findUnique({ where: { id: flow.draftUpdatedById }, select: { name: true, email: true } })
    : null;
  const when = formatSavedAt(flow.draftUpdatedAt);
  const who =
    flow.draftUpdatedById && flow.draftUpdatedById === options.userId
      ? "You saved a newer draft (in another tab or window)"
      : author
        ? `${author.name || author.email} saved a newer draft`
        : "Someone saved a newer draft";
  const next = options.doing ? `Load it before you ${options.doing}.` : "Load it, or download your version first.";
  return new AppError("CONFLICT", {
    message: `Flow ${flow.id}: draft is at revision ${flow.draftRevision}, caller had ${options.baseRevision}`,
    userMessage: `${who} at ${when}. ${next}`,
  });
}
