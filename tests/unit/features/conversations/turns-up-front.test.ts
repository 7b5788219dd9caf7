import { describe, expect, it } from "vitest";
import { STEPS_UP_FRONT, turnsUpFront } from "@/lib/features/conversations/turns-up-front";

const turns = (...counts: number[]) => counts.map((n, turn) => ({ turn, steps: Array.from({ length: n }) }));

describe("turnsUpFront", () => {
  it("draws every turn of a conversation within the budget", () => {
    expect([...turnsUpFront(turns(2, 5, 6, 4))].sort()).toEqual([0, 1, 2, 3]);
  });

  it("draws the newest turns first and stops at the first that would pass the budget", () => {
    // 17 steps a turn: the last two fit in 40, the third would make 51.
    expect([...turnsUpFront(turns(2, 17, 17, 17, 17), 40)].sort()).toEqual([3, 4]);
    // An older small turn after the cut is not drawn either: the page shows one unbroken run of newest turns.
    expect([...turnsUpFront(turns(1, 30, 5, 30), 40)].sort()).toEqual([2, 3]);
  });

  it("always draws the newest turn with steps, however many it has, and skips turns without steps", () => {
    expect([...turnsUpFront(turns(3, 90, 0), 40)]).toEqual([1]);
    expect(turnsUpFront(turns(0, 0)).size).toBe(0);
    expect(turnsUpFront(turns(STEPS_UP_FRONT + 1)).size).toBe(1);
  });
});
