import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { applyOnce } from "@/lib/runtime/tools/ledger";
import { lockIdempotencyKey } from "@/lib/runtime/tools/tool-locks";
import { ToolRefusal } from "@/lib/runtime/tools/tool-refusal";

export type OpenTicketCall = {
  workspaceId: string;
  conversationId: string | null;
  idempotencyKey: string;
  subject: string;
  body: string;
  customerId?: string | null;
};

export type OpenTicketResult = {
  ticketId: string;
  /** What the customer can quote: "T-" and the id's last six characters, upper-cased. */
  reference: string;
  subject: string;
};

const MAX_SUBJECT = 200;

export function ticketReference(ticketId: string): string {
  return `T-${ticketId.slice(-6).toUpperCase()}`;
}

/** Opens a support ticket for the team, optionally tied to a customer of the workspace. */
export async function openTicket(tx: Tx, call: OpenTicketCall): Promise<OpenTicketResult & { replayed: boolean }> {
  const { workspaceId, conversationId, idempotencyKey } = call;
  const subject = call.subject.trim().replace(/\s+/g, " ").slice(0, MAX_SUBJECT);
  const body = call.body.trim();
  const customerId = call.customerId ?? null;
  await lockIdempotencyKey(tx, idempotencyKey);
  const { result, replayed } = await applyOnce(
    tx,
    { idempotencyKey, workspaceId, conversationId, tool: "open_ticket", input: { subject, body, customerId } },
    async (): Promise<OpenTicketResult> => {
      if (!subject) throw new ToolRefusal("open_ticket", "A ticket needs a short subject saying what it is about.");
      if (customerId) {
        // Never tie a ticket to another workspace's customer.
        const customer = await tx.customer.findFirst({ where: { id: customerId, workspaceId }, select: { id: true } });
        if (!customer) throw new Error(`open_ticket: customer ${customerId} is not in workspace ${workspaceId}`);
      }
      const ticket = await tx.supportTicket.create({
        data: { workspaceId, conversationId, customerId, subject, body: body || subject },
      });
      return { ticketId: ticket.id, reference: ticketReference(ticket.id), subject: ticket.subject };
    },
  );
  return { ...result, replayed };
}
