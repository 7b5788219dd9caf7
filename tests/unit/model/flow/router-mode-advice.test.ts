import { describe, expect, it } from "vitest";
import { FEW_EXAMPLES, routerModeAdvice } from "@/lib/model/flow/router-mode-advice";

describe("router mode advice", () => {
  it("suggests semantic to a fast router whose routes have few examples, with the trade-off", () => {
    const advice = routerModeAdvice({ mode: "fast", examplesPerRoute: [6, 8, 12] });
    expect(advice).toMatchObject({ kind: "switch", suggested: "semantic", medianExamples: 8 });
    expect(advice.message).toContain("Routes here have 8 examples each (median).");
    expect(advice.message).toMatch(/about 80% .* about 74%/);
    expect(advice.message).toContain("per message");
  });

  it("leaves a fast router with many examples alone, and suggests fast to a semantic one", () => {
    const many = Array.from({ length: 4 }, () => FEW_EXAMPLES + 5);
    expect(routerModeAdvice({ mode: "fast", examplesPerRoute: many })).toMatchObject({
      kind: "cost",
      suggested: "fast",
    });
    expect(routerModeAdvice({ mode: "semantic", examplesPerRoute: many })).toMatchObject({
      kind: "switch",
      suggested: "fast",
    });
  });

  it("tells a semantic router with few examples what it costs, without suggesting a switch", () => {
    const advice = routerModeAdvice({ mode: "semantic", examplesPerRoute: [5, 5] });
    expect(advice).toMatchObject({ kind: "cost", suggested: "semantic", medianExamples: 5 });
    expect(advice.message).toContain("180 MB");
  });

  it("takes the median, so one long route does not hide the short ones; no routes is zero", () => {
    expect(routerModeAdvice({ mode: "fast", examplesPerRoute: [3, 4, 200] }).medianExamples).toBe(4);
    expect(routerModeAdvice({ mode: "fast", examplesPerRoute: [3, 5] }).medianExamples).toBe(4);
    expect(routerModeAdvice({ mode: "fast", examplesPerRoute: [] }).medianExamples).toBe(0);
  });
});
