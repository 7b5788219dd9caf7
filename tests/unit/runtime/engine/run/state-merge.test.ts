import { describe, expect, it } from "vitest";
import { cloneState, diffState, equal, mergeChanges } from "@/lib/runtime/engine/run/state-merge";

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

describe("state copies", () => {
  it("copies every level, so changing the copy leaves the original as it was", () => {
    const original = { order: { number: "A1001", items: [{ sku: "X", tags: ["a"] }] }, gone: undefined, n: 1 };
    const copy = cloneState(original);
    expect(copy).toEqual(original);
    expect("gone" in copy).toBe(true);
    (copy.order as { items: { tags: string[] }[] }).items[0].tags.push("b");
    (copy.order as { number: string }).number = "A1002";
    expect(original.order).toEqual({ number: "A1001", items: [{ sku: "X", tags: ["a"] }] });
  });

  it("keeps what is not plain JSON data as what it was: a Date stays a Date, and a separate one", () => {
    const at = new Date(5);
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { k: [1] });
    const copy = cloneState({ at, bare });
    expect(copy.at).toBeInstanceOf(Date);
    expect(copy.at).not.toBe(at);
    expect((copy.at as Date).getTime()).toBe(5);
    expect(copy.bare).toEqual({ k: [1] });
    expect((copy.bare as { k: number[] }).k).not.toBe(bare.k);
  });
});
