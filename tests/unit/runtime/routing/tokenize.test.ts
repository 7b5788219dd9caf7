import { describe, expect, it } from "vitest";
import { extractFeatures, normalizeText, NUMBER_TOKEN, tokenize } from "@/lib/runtime/routing/tokenize";

describe("normalizeText", () => {
  it("lowercases, folds accents and compatibility forms, and drops apostrophes", () => {
    expect(normalizeText("Café CRÈME")).toBe("cafe creme");
    expect(normalizeText("ﬁnd Ｆｕｌｌ")).toBe("find full");
    expect(normalizeText("Don’t")).toBe(normalizeText("don't"));
    expect(normalizeText("don't")).toBe("dont");
  });
});

describe("tokenize", () => {
  it("splits on punctuation and whitespace", () => {
    expect(tokenize("Where's my card?!  It hasn't arrived...")).toEqual([
      "wheres",
      "my",
      "card",
      "it",
      "hasnt",
      "arrived",
    ]);
  });

  it("replaces every number with one placeholder so amounts generalise", () => {
    expect(tokenize("I paid 20 then 1500")).toEqual(["i", "paid", NUMBER_TOKEN, "then", NUMBER_TOKEN]);
  });

  it("keeps currency symbols as tokens", () => {
    expect(tokenize("£20 fee")).toEqual(["£", NUMBER_TOKEN, "fee"]);
  });

  it("returns nothing for text without words", () => {
    expect(tokenize("  ?! ...  ")).toEqual([]);
  });
});

describe("extractFeatures", () => {
  const options = { charNgramMin: 2, charNgramMax: 3, wordBigrams: true };

  it("emits word unigrams, bigrams and padded character n-grams", () => {
    const features = extractFeatures("Lost card", options);
    expect(features.get("w:lost")).toBe(1);
    expect(features.get("w:card")).toBe(1);
    expect(features.get("b:lost card")).toBe(1);
    expect(features.get("c: c")).toBe(1);
    expect(features.get("c:rd ")).toBe(1);
    expect(features.get("c:ost")).toBe(1);
  });

  it("keeps character n-grams inside word boundaries", () => {
    const keys = [...extractFeatures("lost card", options).keys()];
    expect(keys.filter((k) => k.startsWith("c:") && /\S \S/.test(k.slice(2)))).toEqual([]);
  });

  it("counts repeated features", () => {
    const features = extractFeatures("card card card", options);
    expect(features.get("w:card")).toBe(3);
    expect(features.get("b:card card")).toBe(2);
  });

  it("does not emit n-grams longer than the padded word", () => {
    const keys = [...extractFeatures("a", { ...options, charNgramMax: 5 }).keys()];
    expect(keys.sort()).toEqual(["c: a", "c: a ", "c:a ", "w:a"]);
  });

  it("gives the same features for differently formatted but equivalent text", () => {
    expect(extractFeatures("I can’t log in", options)).toEqual(extractFeatures("i CANT log-in", options));
  });

  it("can leave out word bigrams", () => {
    const keys = [...extractFeatures("lost card", { ...options, wordBigrams: false }).keys()];
    expect(keys.some((k) => k.startsWith("b:"))).toBe(false);
  });
});
