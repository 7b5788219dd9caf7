import "server-only";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { db } from "@/lib/platform/db/client";
import { notifyLive } from "@/lib/runtime/engine/live/notify-live";

/**
 * The SLA timer job of an escalation, scheduled for its due time: if nobody has answered the customer by then, the
 * escalation is marked breached and raised to high priority, and the console hears about it.
 */
export async function checkEscalationSla(escalationId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "Escalation" WHERE id = ${escalationId} FOR UPDATE`;
    if (rows.length === 0) return;
    const escalation = await tx.escalation.findUniqueOrThrow({ where: { id: escalationId } });
    if (escalation.status === "resolved" || escalation.firstResponseAt || escalation.slaBreachedAt) return;
    if (escalation.slaDueAt.getTime() > Date.now()) return;
    await tx.escalation.update({ where: { id: escalationId }, data: { slaBreachedAt: new Date(), priority: 1 } });
    await auditLog(
      {
        workspaceId: escalation.workspaceId,
        actor: { type: "system", label: "SLA timer" },
        action: "escalation.sla_breached",
        resourceType: "escalation",
        resourceId: escalation.id,
        before: { priority: escalation.priority },
        after: { priority: 1, slaDueAt: escalation.slaDueAt.toISOString() },
      },
      tx,
    );
    await notifyLive(tx, {
      w: escalation.workspaceId,
      c: escalation.conversationId,
      e: `sla:${escalation.id}`,
      s: "escalated",
    });
  });
}
