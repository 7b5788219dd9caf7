import { describe, expect, it } from "vitest";
import { wrapIndex } from "@/components/console/focus-trap";

describe("wrapIndex", () => {
  it("moves from the last element forwards to the first", () => {
    expect(wrapIndex(4, 3, false)).toBe(0);
  });

  it("moves from the first element backwards to the last", () => {
    expect(wrapIndex(4, 0, true)).toBe(3);
  });

  it("leaves moves that stay inside to the browser", () => {
    expect(wrapIndex(4, 1, false)).toBeNull();
    expect(wrapIndex(4, 2, true)).toBeNull();
    expect(wrapIndex(4, 0, false)).toBeNull();
    expect(wrapIndex(4, 3, true)).toBeNull();
  });

  it("brings focus from outside the elements to the nearest end", () => {
    expect(wrapIndex(4, -1, false)).toBe(0);
    expect(wrapIndex(4, -1, true)).toBe(3);
  });

  it("keeps a single element focused both ways", () => {
    expect(wrapIndex(1, 0, false)).toBe(0);
    expect(wrapIndex(1, 0, true)).toBe(0);
  });

  it("has nowhere to go when nothing is focusable", () => {
    expect(wrapIndex(0, -1, false)).toBeNull();
  });
});
