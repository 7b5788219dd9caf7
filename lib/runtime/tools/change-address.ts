import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { applyOnce } from "@/lib/runtime/tools/ledger";
import { loadOrderForUpdate, lockIdempotencyKey } from "@/lib/runtime/tools/tool-locks";
import { ToolRefusal } from "@/lib/runtime/tools/tool-refusal";
import { formatAddress, parseAddress, type ShippingAddress } from "@/lib/runtime/tools/parse-address";

export type ChangeAddressCall = {
  /** The verified customer the order must belong to; null when the caller may act on any order. */
  ownerId?: string | null;
  workspaceId: string;
  conversationId: string | null;
  idempotencyKey: string;
  orderNumber: string;
  /** One line as the customer typed it: "12 Oak Lane, Apt 4, Portland, OR 97205, USA". */
  address: string;
};

export type ChangeAddressResult = {
  orderNumber: string;
  /** The stored address on one line: "12 Oak Lane, Apt 4, Portland 97205, US". */
  address: string;
};

/** Changes the delivery address of an order that has not shipped yet. */
export async function changeAddress(
  tx: Tx,
  call: ChangeAddressCall,
): Promise<ChangeAddressResult & { replayed: boolean }> {
  const { workspaceId, conversationId, idempotencyKey, orderNumber, address } = call;
  await lockIdempotencyKey(tx, idempotencyKey);
  const { result, replayed } = await applyOnce(
    tx,
    { idempotencyKey, workspaceId, conversationId, tool: "change_address", input: { orderNumber, address } },
    async (): Promise<ChangeAddressResult> => {
      const order = await loadOrderForUpdate(tx, workspaceId, orderNumber, call.ownerId ?? null);
      if (!order) throw new ToolRefusal("change_address", `I couldn't find an order numbered ${orderNumber}.`);
      if (order.status !== "processing") {
        throw new ToolRefusal(
          "change_address",
          order.status === "shipped" || order.status === "delivered"
            ? `Order ${order.number} has already ${order.status === "shipped" ? "shipped" : "been delivered"}, so its address can't be changed.`
            : `Order ${order.number} is ${order.status}, so its address can't be changed.`,
        );
      }
      const current = order.shippingAddress as Partial<ShippingAddress> | null;
      const parsed = parseAddress(address, current?.country ?? "US");
      if (!parsed) {
        throw new ToolRefusal(
          "change_address",
          "I couldn't read that address. Please send it on one line as street, city, postcode (and country if it's not the same), separated by commas.",
        );
      }
      await tx.order.update({ where: { id: order.id }, data: { shippingAddress: parsed } });
      return { orderNumber: order.number, address: formatAddress(parsed) };
    },
  );
  return { ...result, replayed };
}
