import { describe, expect, it } from "vitest";
import { isPlainKey, isTypingTarget, moveSelection } from "@/lib/features/inbox/shortcuts";

describe("inbox shortcuts", () => {
  it("never fires inside fields", () => {
    for (const tagName of ["INPUT", "textarea", "SELECT"]) expect(isTypingTarget({ tagName })).toBe(true);
    expect(isTypingTarget({ tagName: "DIV", isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: "A" })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it("leaves modified keys to the browser", () => {
    expect(isPlainKey({ ctrlKey: false, metaKey: false, altKey: false })).toBe(true);
    expect(isPlainKey({ ctrlKey: true, metaKey: false, altKey: false })).toBe(false);
    expect(isPlainKey({ ctrlKey: false, metaKey: true, altKey: false })).toBe(false);
  });

  it("moves the selection within the list", () => {
    expect(moveSelection(-1, 3, 1)).toBe(0);
    expect(moveSelection(-1, 3, -1)).toBe(0);
    expect(moveSelection(0, 3, 1)).toBe(1);
    expect(moveSelection(2, 3, 1)).toBe(2);
    expect(moveSelection(0, 3, -1)).toBe(0);
    expect(moveSelection(0, 0, 1)).toBe(-1);
  });
});
