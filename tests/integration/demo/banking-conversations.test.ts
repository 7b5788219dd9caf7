// The Banking demo flow: BANKING77 intents routed to specialists; a lost or stolen card is frozen at once by the
// card security agent through its permitted freeze_card tool, for a known customer or one who proves who they are
// with a code mailed to the e-mail on file.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { demoWorkspace } from "@/tests/support/factories";
import { sendTurn } from "@/tests/support/engine";
import { mailedCode } from "@/tests/support/customers";

const workspace = await demoWorkspace();
const customer = (ref: string) =>
  db().customer.findFirstOrThrow({ where: { workspaceId: workspace.id, ref }, include: { cards: true } });

async function open(customerId: string | null = null) {
  const conversation = await startConversation({
    workspaceId: workspace.id,
    flowSlug: "banking-support",
    channel: "api",
    customerId,
  });
  return (text: string) => sendTurn({ workspaceId: workspace.id, conversationId: conversation.id, text });
}

describe("the Banking demo flow, offline", () => {
  it("freezes a known customer's card when they report it stolen", async () => {
    const maya = await customer("C-1001");
    expect(maya.cards.map((c) => [c.last4, c.status])).toEqual([["4242", "active"]]);
    const send = await open(maya.id);
    const turn = await send("Someone stole my card yesterday, please block it");
    expect(turn.replies[0].text).toMatch(/I've frozen your Visa ending in 4242/);
    expect((await customer("C-1001")).cards[0].status).toBe("frozen");
  });

  it("asks an unknown customer for their e-mail, mails them a code, then freezes the card on that account", async () => {
    const owner = await customer("C-1002");
    const send = await open();
    const ask = await send("I think I lost my card");
    expect(ask.replies[0].text).toMatch(/e-mail/i);
    const sent = await send(`it's ${owner.email}`);
    expect(sent.replies[0].text).toMatch(/I've sent it a 6-digit code/);
    expect((await customer("C-1002")).cards.some((c) => c.status === "frozen")).toBe(false);
    const done = await send(await mailedCode(workspace.id, owner.email));
    expect(done.replies.map((r) => r.text)).toEqual([
      "Thank you, that matches our records.",
      expect.stringMatching(`frozen your ${owner.cards[0].brand} ending in ${owner.cards[0].last4}`),
    ]);
    expect((await customer("C-1002")).cards.every((c) => c.status === "frozen")).toBe(true);
  });

  it("sends other intents to their specialist", async () => {
    const send = await open();
    const turn = await send("How long does a transfer to another bank take?");
    expect(turn.replies[0].text).toMatch(/transfers specialist/i);
  });
});
