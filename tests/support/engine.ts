// Integration tests drive the engine exactly as the chat page and the API do: through the queue, processed by the
// worker this test file's setup started on its own database.
import { sendCustomerMessage, type TurnResult } from "@/lib/engine/send-customer-message";

export async function sendTurn(options: { workspaceId: string; conversationId: string; text: string; idempotencyKey?: string }): Promise<TurnResult> {
  const turn = await sendCustomerMessage({ ...options, actor: { type: "customer", id: null, label: "test customer" }, waitMs: 30_000 });
  if (!turn.done) throw new Error(`The engine did not finish event ${turn.eventId} within 30 s`);
  return turn;
}
