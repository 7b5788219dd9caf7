import { describe, expect, it } from "vitest";
import { checkBlockedPhrases } from "@/lib/model/guardrails/blocked-phrases";
import { TOPIC_LEXICONS } from "@/lib/model/guardrails/topic-lexicons";

describe("checkBlockedPhrases", () => {
  it("matches whole words regardless of case, accents and punctuation", () => {
    for (const text of ["That is a SCAM!", "total scam.", "scám", "it's a...scam?"]) {
      expect(checkBlockedPhrases(text, ["scam"]).outcome, text).toBe("block");
    }
    const decision = checkBlockedPhrases("Please, give me a FULL-refund now", ["full refund"]);
    expect(decision.outcome).toBe("block");
    expect(decision.findings).toEqual([{ type: "phrase", detail: "full refund", span: [18, 29] }]);
    expect(decision.reason).toContain('"full refund"');
  });

  it("is not fooled by invisible characters inside a word", () => {
    expect(checkBlockedPhrases("total sc\u200Bam", ["scam"]).outcome).toBe("block");
    expect(checkBlockedPhrases("total sc\u00ADam", ["scam"]).outcome).toBe("block");
  });

  it("never matches inside other words", () => {
    expect(checkBlockedPhrases("I love my grass and class", ["ass"]).outcome).toBe("pass");
    expect(checkBlockedPhrases("scammers everywhere", ["scam"]).outcome).toBe("pass");
    expect(checkBlockedPhrases("a full refundable deposit", ["full refund"]).outcome).toBe("pass");
  });

  it("treats apostrophes as part of the word", () => {
    expect(checkBlockedPhrases("I don’t know", ["don't know"]).outcome).toBe("block");
    expect(checkBlockedPhrases("I do not know", ["don't know"]).outcome).toBe("pass");
  });

  it("supports a trailing * for word endings", () => {
    expect(checkBlockedPhrases("the diagnosis was", ["diagnos*"]).outcome).toBe("block");
    expect(checkBlockedPhrases("refunds are slow", ["refund*"]).outcome).toBe("block");
    expect(checkBlockedPhrases("my prefunds", ["refund*"]).outcome).toBe("pass");
  });

  it("expands built-in topics", () => {
    const cases: [string, string][] = [
      ["I'm going to sue your company", "topic:legal_advice"],
      ["Is it legal to resell this?", "topic:legal_advice"],
      ["what dose of ibuprofen should I take", "topic:medical_advice"],
      ["Should I invest in bitcoin?", "topic:investment_advice"],
      ["I want to end my life", "topic:self_harm"],
      ["I will find you and kill you", "topic:violence"],
    ];
    for (const [text, topic] of cases) {
      const decision = checkBlockedPhrases(text, [topic]);
      expect(decision.outcome, text).toBe("block");
      expect(decision.findings[0].type).toBe(topic);
    }
  });

  it("does not trip topics on ordinary retail talk", () => {
    const topics = Object.keys(TOPIC_LEXICONS).map((t) => `topic:${t}`);
    for (const text of [
      "Hi, this is Sue, my bath bomb arrived broken",
      "Can you shoot me an email with the invoice?",
      "This price is killing me, any discount?",
      "I want to invest in a good mattress",
      "the glue gun stopped working",
      "my order A1001 is late",
    ]) {
      expect(checkBlockedPhrases(text, topics).outcome, text).toBe("pass");
    }
  });

  it("rejects unknown topics as a configuration error", () => {
    expect(() => checkBlockedPhrases("hi", ["topic:astrology"])).toThrow(/Unknown topic "astrology"/);
  });

  it("passes with no phrases or empty phrases", () => {
    expect(checkBlockedPhrases("anything", []).outcome).toBe("pass");
    expect(checkBlockedPhrases("anything", ["", "  ", "!!!"]).outcome).toBe("pass");
  });
});
