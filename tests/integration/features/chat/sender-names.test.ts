// Customers never see internal node labels: the chat shows the flow's sender name (or the workspace's assistant name)
// on the flow's replies, and operators by first name. The console keeps which node or person wrote each message.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { loadChatMessages } from "@/lib/features/chat/public-chat";
import { replyToCustomer } from "@/lib/runtime/engine/commands/operator-commands";
import { turnResult } from "@/lib/runtime/engine/commands/send-customer-message";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { demoWorkspace, memberOf, seedUser } from "@/tests/support/factories";
import { sendTurn } from "@/tests/support/engine";

const workspace = await demoWorkspace();

async function chatAuthors(flowSlug: string, conversationId: string) {
  const flow = await db().flow.findFirstOrThrow({ where: { workspaceId: workspace.id, slug: flowSlug } });
  const chat = await loadChatMessages({ workspaceId: workspace.id, flowId: flow.id, conversationId, sinceSeq: 0 });
  return chat!.messages.map((m) => [m.role, m.author]);
}

describe("sender names customers see", () => {
  it("shows the workspace's assistant name on the flow's replies and an operator's first name, never node labels", async () => {
    const conversation = await startConversation({
      workspaceId: workspace.id,
      flowSlug: "retail-support",
      channel: "web",
    });
    await sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text: "I want to talk to a human" });
    const seeded = await seedUser({ workspaceId: workspace.id, role: "operator" });
    const user = await db().user.update({ where: { id: seeded.id }, data: { name: "Dana Whitfield" } });
    const member = memberOf(user, workspace, "operator");
    const replied = await db().$transaction((tx) =>
      replyToCustomer(tx, member, { conversationId: conversation.id, text: "Hi, Dana here." }),
    );
    await turnResult(conversation.id, replied.eventId, 15_000);

    expect(await chatAuthors("retail-support", conversation.id)).toEqual([
      ["agent", "Acme Assistant"],
      ["customer", null],
      ["agent", "Acme Assistant"],
      ["operator", "Dana"],
    ]);
    // The console still knows which node and which person wrote what.
    const authors = await db().message.findMany({
      where: { conversationId: conversation.id },
      orderBy: { seq: "asc" },
    });
    expect(authors.map((m) => m.author)).toEqual(["Web and API chat", null, "Customer care", "Dana Whitfield"]);
  });

  it("uses a flow's own sender name when it has one", async () => {
    const conversation = await startConversation({
      workspaceId: workspace.id,
      flowSlug: "banking-support",
      channel: "web",
    });
    expect(await chatAuthors("banking-support", conversation.id)).toEqual([["agent", "Acme Bank"]]);
  });
});
