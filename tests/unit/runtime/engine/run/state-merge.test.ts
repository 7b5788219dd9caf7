import { describe, expect, it } from "vitest";
import { diffState, equal, mergeChanges } from "@/lib/runtime/engine/run/state-merge";

describe("state equality", () => {
  it("compares as JSON values: any key order, undefined as missing, dates by their time", () => {
    expect(equal({ a: 1, b: { c: [1, "x", null] } }, { b: { c: [1, "x", null] }, a: 1 })).toBe(true);
    expect(equal({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(equal({ a: 1 }, { a: 1, gone: undefined })).toBe(true);
    expect(equal(new Date(5), new Date(5))).toBe(true);
    expect(equal({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(equal({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(equal({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(equal([], {})).toBe(false);
    expect(equal({}, [])).toBe(false);
    expect(equal({ a: "1" }, { a: 1 })).toBe(false);
    expect(equal(null, {})).toBe(false);
    expect(equal({ a: null }, { a: undefined })).toBe(false);
  });
});

describe("merging a node's changes", () => {
  it("keeps each parallel branch's own paths and removes what a node deleted", () => {
    const before = { tools: { a: 1, b: 1 }, slots: { order: "A1" }, note: "x" };
    const target = structuredClone(before);
    mergeChanges(target, before, { tools: { a: 2, b: 1 }, slots: { order: "A1" } });
    mergeChanges(target, before, { tools: { a: 1, b: 3 }, slots: { order: "A1" }, note: "x" });
    expect(target).toEqual({ tools: { a: 2, b: 3 }, slots: { order: "A1" } });
  });

  it("lists what changed, path by path, and nothing for a reordered but equal value", () => {
    expect(
      diffState(
        { customer: { id: "c1", tier: "gold" }, seen: [1] },
        { seen: [1], customer: { tier: "gold", id: "c1" }, order: "A1" },
      ),
    ).toEqual([{ path: "order", after: "A1" }]);
    expect(diffState({ customer: { tier: "gold" } }, { customer: { tier: "silver" } })).toEqual([
      { path: "customer.tier", before: "gold", after: "silver" },
    ]);
  });
});
