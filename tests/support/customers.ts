// Customer identity in tests. Tools that touch a customer's records run only for the conversation's verified customer
// and only on that customer's records, so a test that is not about verification opens its conversation as the owner
// of the orders it uses, the way server code names its customer (verified, method "api").
import { db } from "@/lib/platform/db/client";
import type { CustomerChannel } from "@/lib/model/flow/channels";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";

/** The id of the customer who placed the order. */
export async function ownerOf(workspaceId: string, orderNumber: string): Promise<string> {
  const order = await db().order.findUniqueOrThrow({
    where: { workspaceId_number: { workspaceId, number: orderNumber } },
    select: { customerId: true },
  });
  return order.customerId;
}

/** A conversation on the flow's live version, verified as the owner of `orderNumber`. */
export async function openAsOwner(options: {
  workspaceId: string;
  flowSlug: string;
  orderNumber: string;
  channel?: CustomerChannel;
}) {
  return startConversation({
    workspaceId: options.workspaceId,
    flowSlug: options.flowSlug,
    channel: options.channel ?? "web",
    customerId: await ownerOf(options.workspaceId, options.orderNumber),
  });
}

/** The 6-digit code a Verify customer node last e-mailed to `to` (the dev mailbox keeps every mail). */
export async function mailedCode(workspaceId: string, to: string): Promise<string> {
  const mail = await db().outboundMail.findFirstOrThrow({ where: { workspaceId, to }, orderBy: { createdAt: "desc" } });
  const code = /code is (\d{6})/.exec(mail.text)?.[1];
  if (!code) throw new Error(`No verification code in the last mail to ${to}`);
  return code;
}
