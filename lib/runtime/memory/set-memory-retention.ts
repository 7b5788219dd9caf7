// How long a workspace keeps customer long-term memory. Changing it re-dates the memory already stored (expiry =
// last update + the new retention), so shortening it takes effect at the next purge, not a year later.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { retentionDaysSchema } from "./memory-schema";

export async function setMemoryRetention(
  tx: Tx,
  workspaceId: string,
  days: number,
): Promise<{ before: { days: number }; after: { days: number }; changed: boolean; redated: number }> {
  const parsed = retentionDaysSchema.safeParse(days);
  if (!parsed.success) {
    throw new AppError("VALIDATION", {
      message: `Invalid retention ${days}`,
      fieldErrors: { days: parsed.error.issues.map((i) => i.message) },
    });
  }
  const next = parsed.data;
  const workspace = await tx.workspace.findUnique({
    where: { id: workspaceId },
    select: { memoryRetentionDays: true },
  });
  if (!workspace) throw new AppError("NOT_FOUND", { message: `Workspace ${workspaceId} not found` });
  const before = { days: workspace.memoryRetentionDays };
  if (before.days === next) return { before, after: before, changed: false, redated: 0 };

  await tx.workspace.update({ where: { id: workspaceId }, data: { memoryRetentionDays: next } });
  const redated = await tx.$executeRaw`
    UPDATE "CustomerMemory" SET "expiresAt" = "updatedAt" + make_interval(days => ${next}::int) WHERE "workspaceId" = ${workspaceId}`;
  return { before, after: { days: next }, changed: true, redated };
}
