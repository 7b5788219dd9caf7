// How long after its end a customer's message reopens a conversation (later, a new linked conversation starts).
import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/platform/db/client";

export const MIN_REOPEN_DAYS = 0;
export const MAX_REOPEN_DAYS = 90;

export const reopenWindowSchema = z.object({
  days: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Use whole days.")
    .min(MIN_REOPEN_DAYS, `Use ${MIN_REOPEN_DAYS} to ${MAX_REOPEN_DAYS} days.`)
    .max(MAX_REOPEN_DAYS, `Use ${MIN_REOPEN_DAYS} to ${MAX_REOPEN_DAYS} days.`),
});

export async function setReopenWindow(tx: Tx, workspaceId: string, days: number) {
  const before = await tx.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { reopenWindowDays: true },
  });
  if (before.reopenWindowDays !== days)
    await tx.workspace.update({ where: { id: workspaceId }, data: { reopenWindowDays: days } });
  return { before: { days: before.reopenWindowDays }, after: { days }, changed: before.reopenWindowDays !== days };
}
