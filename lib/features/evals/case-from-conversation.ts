// "Save as a case": a real conversation's customer messages become the script and what the flow did becomes the
// expectations, so the case pins current behaviour and a later change that alters it shows up as a failure.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { caseTurnsSchema, type CaseExpectations } from "./expectations";
import { observeConversation } from "./observe-conversation";

export async function caseFromConversation(
  workspaceId: string,
  conversationId: string,
): Promise<{ flowId: string; turns: string[]; expectations: CaseExpectations; customerRef: string | null }> {
  const conversation = await db().conversation.findFirst({
    where: { id: conversationId, workspaceId },
    select: { id: true, flowId: true, identityMethod: true, customer: { select: { ref: true } } },
  });
  if (!conversation)
    throw new AppError("NOT_FOUND", { userMessage: "That conversation does not exist in this workspace." });
  const [messages, operatorEvents] = await Promise.all([
    db().message.findMany({
      where: { conversationId, role: "customer" },
      orderBy: { seq: "asc" },
      select: { text: true },
    }),
    db().conversationEvent.count({ where: { conversationId, kind: { not: "customer_message" } } }),
  ]);
  const turns = caseTurnsSchema.safeParse(messages.map((message) => message.text));
  if (!turns.success) {
    throw new AppError("VALIDATION", {
      message: turns.error.message,
      userMessage:
        messages.length === 0
          ? "This conversation has no customer messages to replay."
          : "A case holds 1 to 20 customer messages of up to 2,000 characters; this conversation does not fit.",
    });
  }
  const observed = await observeConversation(conversation.id);
  const expectations: CaseExpectations = {
    routes: observed.turns.map((turn) => turn.route),
    toolsCalled: observed.toolsCalled,
    escalated: observed.escalated,
  };
  // An operator's action (resolve, take over, approve) decided how this one ended; a replay has no operator, so the
  // final status would not be the flow's doing.
  if (operatorEvents === 0) expectations.finalStatus = observed.finalStatus as CaseExpectations["finalStatus"];
  // The replay runs as the same customer only when the conversation's customer was named by the integration or the
  // host site's signed identity; one who verified in the chat would be asked again, which the script answers.
  const customerRef =
    conversation.identityMethod === "api" || conversation.identityMethod === "signed_token"
      ? (conversation.customer?.ref ?? null)
      : null;
  return { flowId: conversation.flowId, turns: turns.data, expectations, customerRef };
}
