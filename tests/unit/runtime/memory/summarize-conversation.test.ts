import { describe, expect, it } from "vitest";
import {
  detectIntents,
  detectOutcome,
  extractOrderNumbers,
  summarizeConversation,
  type SummaryMessage,
} from "@/lib/runtime/memory/summarize-conversation";

const customer = (text: string): SummaryMessage => ({ role: "customer", text });
const agent = (text: string): SummaryMessage => ({ role: "agent", text, author: "Orders agent" });

describe("summarizeConversation", () => {
  it("names the order, the intent and the escalation queue", () => {
    const messages = [
      customer("Hi, I want a refund for order a1002 please"),
      agent("Let me check that order for you."),
    ];
    expect(summarizeConversation(messages, { status: "escalated", escalationQueue: "refunds" })).toBe(
      "Asked about order A1002 (refund); escalated to refunds.",
    );
  });

  it("is deterministic and extractive: no customer free text is copied", () => {
    const messages = [
      customer("My name is Jane Roe, where is #B20456? I live at 1 Main St"),
      agent("It shipped yesterday."),
      customer("Thanks!"),
    ];
    const once = summarizeConversation(messages);
    expect(once).toBe("Asked about order B20456 (delivery); resolved.");
    expect(summarizeConversation(messages)).toBe(once);
    expect(once).not.toMatch(/Jane|Main St/);
  });

  it("lists several orders and intents in the order they came up, without duplicates", () => {
    const messages = [
      customer("Where is A1001?"),
      customer("Also I need to return A1003 and cancel a1001"),
      customer("and A1003 arrived damaged"),
    ];
    expect(summarizeConversation(messages, { status: "resolved" })).toBe(
      "Asked about orders A1001 and A1003 (delivery, return, cancellation, damaged item); resolved.",
    );
  });

  it("prefers the router's intents to the keyword lexicon", () => {
    const messages = [customer("my card still hasn't come")];
    expect(summarizeConversation(messages, { intents: ["card_arrival"], status: "resolved" })).toBe(
      "Asked about card arrival; resolved.",
    );
  });

  it("says something honest when nothing is recognised", () => {
    expect(summarizeConversation([customer("hello"), customer("anyone?")], { status: "abandoned" })).toBe(
      "Contacted support (2 messages); the customer left before it was resolved.",
    );
    expect(summarizeConversation([])).toBe("No customer messages; still open.");
  });

  it("infers the outcome from the transcript when no status is given", () => {
    expect(
      detectOutcome([
        customer("refund?"),
        agent("I'm passing you to a colleague who can help. You'll get a reply here."),
      ]),
    ).toBe("escalated");
    expect(detectOutcome([customer("refund?"), { role: "operator", text: "Hi, Sam here" }])).toBe("escalated");
    expect(
      detectOutcome([
        customer("hi"),
        { role: "system", text: "Sorry, something went wrong on our side and I can't continue this conversation." },
      ]),
    ).toBe("failed");
    expect(detectOutcome([customer("refund?"), agent("Done."), customer("thank you")])).toBe("resolved");
    expect(detectOutcome([customer("refund?"), agent("Which order?")])).toBe("open");
    expect(summarizeConversation([customer("refund?")], { escalationQueue: "billing_team" })).toBe(
      "Asked about refund; escalated to billing team.",
    );
  });
});

describe("helpers", () => {
  it("extracts order numbers once each, upper-cased", () => {
    expect(extractOrderNumbers("a1001, #A1001 and b20456 but not 5551234 or AB1234")).toEqual(["A1001", "B20456"]);
  });

  it("detects intents across messages", () => {
    expect(detectIntents(["I was charged twice", "and I want my money back"])).toEqual(["payment", "refund"]);
    expect(detectIntents(["hello there"])).toEqual([]);
  });
});
