// An admin takes an escalation back from an external contact centre: it returns to the inbox as open (anyone who
// handles escalations can claim it), and the contact centre is told, in the same transaction, to stop working on it.
// Its callbacks then answer 404 "not handed off", so a late reply cannot reach the customer twice.
import "server-only";
import type { Member } from "@/lib/platform/auth/current-member";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { enqueueDelivery, envelope } from "@/lib/runtime/webhooks/enqueue";
import { HANDOFF_RECALLED_EVENT } from "@/lib/runtime/webhooks/event-types";
import { publicOrigin } from "@/lib/platform/http/public-origin";

export type RecalledHandoff = {
  escalationId: string;
  conversationId: string;
  endpoint: string;
  externalRef: string | null;
  deliveryId: string;
};

export async function recallHandoff(
  tx: Tx,
  member: Member,
  input: { escalationId: string; reason: string },
): Promise<RecalledHandoff> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Escalation" WHERE id = ${input.escalationId} AND "workspaceId" = ${member.workspaceId} FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", { userMessage: "Escalation not found." });
  const escalation = await tx.escalation.findUniqueOrThrow({
    where: { id: input.escalationId },
    select: {
      id: true,
      status: true,
      conversationId: true,
      externalRef: true,
      handoffEndpoint: { select: { id: true, name: true } },
    },
  });
  if (!escalation.handoffEndpoint)
    throw new AppError("CONFLICT", { userMessage: "This escalation is not with an external contact centre." });
  if (escalation.status === "resolved")
    throw new AppError("CONFLICT", { userMessage: "The contact centre has already resolved this escalation." });
  await tx.escalation.update({
    where: { id: escalation.id },
    data: { handoffEndpointId: null, status: "open", assigneeId: null, claimedAt: null },
  });
  const delivery = await enqueueDelivery(tx, {
    workspaceId: member.workspaceId,
    endpointId: escalation.handoffEndpoint.id,
    event: HANDOFF_RECALLED_EVENT,
    payload: envelope(member.workspaceId, HANDOFF_RECALLED_EVENT, {
      escalation: { id: escalation.id, externalRef: escalation.externalRef },
      conversation: { id: escalation.conversationId },
      reason: input.reason,
      recalledBy: member.name || member.email,
      console: `${publicOrigin()}/inbox/${escalation.id}`,
    }),
  });
  return {
    escalationId: escalation.id,
    conversationId: escalation.conversationId,
    endpoint: escalation.handoffEndpoint.name,
    externalRef: escalation.externalRef,
    deliveryId: delivery.id,
  };
}
