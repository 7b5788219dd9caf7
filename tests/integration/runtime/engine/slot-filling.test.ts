// Slot filling as a customer experiences it: values given up front, several in one message, an address completed over
// two messages, corrections, a limit on asking again, and the way back to a task left for another request. The customer
// is the verified owner of the orders they name, so the order tools run (verification has its own tests).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { demoWorkspace } from "@/tests/support/factories";
import { sendTurn } from "@/tests/support/engine";
import { openAsOwner, ownerOf } from "@/tests/support/customers";

const workspace = await demoWorkspace();
const open = (orderNumber: string) =>
  openAsOwner({ workspaceId: workspace.id, flowSlug: "retail-support", orderNumber });
const send = (conversationId: string, text: string) => sendTurn({ workspaceId: workspace.id, conversationId, text });
const said = (turn: { replies: { text: string }[] }) => turn.replies.map((r) => r.text).join(" ");

async function addressOf(number: string) {
  const order = await db().order.findFirstOrThrow({ where: { workspaceId: workspace.id, number } });
  return order.shippingAddress as { line1: string; city: string; postcode: string };
}

describe("slot filling", () => {
  it("takes the order number and the address given up front, in one message", async () => {
    const conversation = await open("A1003");
    const turn = await send(
      conversation.id,
      "Please change the delivery address for order A1003 to 12 Oak Lane, Portland 97205",
    );
    expect(said(turn)).toMatch(/order A1003 will now go to 12 Oak Lane, Portland 97205/);
    expect(await addressOf("A1003")).toMatchObject({ line1: "12 Oak Lane", city: "Portland", postcode: "97205" });
  });

  it("completes an address given without its postcode instead of asking for all of it again", async () => {
    const conversation = await open("A1003");
    const first = await send(conversation.id, "Change the delivery address for order A1003 to 5 Main St, Springfield");
    expect(said(first)).toBe("Thanks. What is the postcode for 5 Main St, Springfield?");
    const second = await send(conversation.id, "62701");
    expect(said(second)).toMatch(/order A1003 will now go to 5 Main St, Springfield 62701/);
    expect(await addressOf("A1003")).toMatchObject({ line1: "5 Main St", city: "Springfield", postcode: "62701" });
  });

  it("fills several slots from one answer", async () => {
    const conversation = await open("A1003");
    expect(said(await send(conversation.id, "I need to change my delivery address"))).toMatch(/order number/);
    const turn = await send(conversation.id, "A1003, and the new address is 9 Elm Road, Salem 97301");
    expect(said(turn)).toMatch(/order A1003 will now go to 9 Elm Road, Salem 97301/);
  });

  it("accepts a correction mid-question and keeps asking for what is still missing", async () => {
    // Another order of A1003's owner: the customer corrects one of their own order numbers.
    const other = await db().order.findFirstOrThrow({
      where: { workspaceId: workspace.id, customerId: await ownerOf(workspace.id, "A1003"), number: { not: "A1003" } },
      orderBy: { number: "asc" },
    });
    const conversation = await open("A1003");
    await send(conversation.id, "I need to change my delivery address");
    expect(said(await send(conversation.id, other.number))).toMatch(/new delivery address/);
    const corrected = await send(conversation.id, "sorry, I meant A1003");
    expect(said(corrected)).toMatch(/new delivery address/);
    const done = await send(conversation.id, "9 Elm Road, Salem 97301");
    expect(said(done)).toMatch(/order A1003 will now go to 9 Elm Road/);
  });

  it("asks again at most the agent's re-ask limit, then hands the conversation to a person", async () => {
    const conversation = await open("A1001");
    const asked = [await send(conversation.id, "Where is my order?")];
    for (const answer of ["not sure", "it should be on the receipt", "I can't find the receipt"])
      asked.push(await send(conversation.id, answer));
    expect(asked.slice(0, 3).map((turn) => turn.conversation.status)).toEqual(["active", "active", "active"]);
    expect(asked.slice(0, 3).every((turn) => /order number/.test(said(turn)))).toBe(true);
    const gaveUp = asked[3];
    expect(gaveUp.conversation.status).toBe("escalated");
    expect(said(gaveUp)).toMatch(/passing you to a member of our team/);
    const escalation = await db().escalation.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(escalation.reason).toBe("Could not get the order number after 3 tries");
  });

  it("does not count small talk as a missed answer", async () => {
    const conversation = await open("A1001");
    await send(conversation.id, "Where is my order?");
    for (const text of ["thanks", "wait a moment", "thank you", "it's somewhere in my email"]) {
      const turn = await send(conversation.id, text);
      expect(turn.conversation.status).toBe("active");
      expect(said(turn)).toMatch(/order number/);
    }
    expect(said(await send(conversation.id, "A1001"))).toMatch(/Order A1001/);
  });
});

describe("returning to the task a change of request interrupted", () => {
  it("asks the flow's return question once the new request is done, and answers it with what is known", async () => {
    const conversation = await open("A1003");
    await send(conversation.id, "Where is my order?");
    const switched = await send(conversation.id, "first, please cancel order A1003");
    expect(switched.replies.map((r) => r.text)).toEqual([
      expect.stringMatching(/order A1003 is cancelled/),
      "Is there anything else about your order A1003?",
    ]);
    const back = await send(conversation.id, "yes, where is it now?");
    expect(said(back)).toMatch(/Order A1003/);
  });

  it("asks the interrupted task's open question again when it still needs something", async () => {
    const conversation = await open("A1001");
    await send(conversation.id, "I need to change my delivery address");
    const switched = await send(conversation.id, "actually, where is order A1001?");
    const replies = switched.replies.map((r) => r.text);
    expect(replies[0]).toMatch(/Order A1001/);
    expect(replies[1]).toMatch(/^Back to your earlier request\. What is the new delivery address\?/);
  });

  it("does not return after the customer starts over", async () => {
    const conversation = await open("A1001");
    await send(conversation.id, "Where is my order?");
    const switched = await send(conversation.id, "actually I want to cancel an order");
    expect(said(switched)).toMatch(/order number/);
    const over = await send(conversation.id, "start over");
    expect(said(over)).not.toMatch(/earlier request|anything else about your order/);
    const row = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id }, select: { state: true } });
    expect(JSON.stringify(row.state)).not.toMatch(/"afterSwitch":\{/);
  });
});
