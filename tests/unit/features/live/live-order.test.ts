import { describe, expect, it } from "vitest";
import { arrangeLiveRows } from "@/lib/features/live/live-order";
import { mergeLiveRows, type LiveRow } from "@/lib/features/live/live-rows";
import { liveRow as row } from "@/tests/support/live-row";

const ids = (rows: readonly LiveRow[]) => rows.map((r) => r.id);
const list = [row("c", "10:03:00"), row("b", "10:02:00"), row("a", "10:01:00")];

describe("arrangeLiveRows", () => {
  it("shows the true order when asked to re-sort", () => {
    const shown = arrangeLiveRows([], list, true);
    expect(shown.rows).toBe(list);
    expect(shown.sorted).toBe(true);
  });

  it("updates a row where it stands until the next re-sort, with its new data", () => {
    const source = mergeLiveRows(list, { rows: [row("a", "10:05:00", { messageCount: 7 })], removed: [] }, 100);
    expect(ids(source)).toEqual(["a", "c", "b"]);
    const shown = arrangeLiveRows(list, source, false);
    expect(ids(shown.rows)).toEqual(["c", "b", "a"]);
    expect(shown.rows[2].messageCount).toBe(7);
    expect(shown.sorted).toBe(false);
    expect(ids(arrangeLiveRows(shown.rows, source, true).rows)).toEqual(["a", "c", "b"]);
  });

  it("puts new conversations on top at once, in their true order", () => {
    const source = mergeLiveRows(
      list,
      { rows: [row("e", "10:06:00"), row("d", "10:04:00"), row("b", "10:05:00")], removed: [] },
      100,
    );
    expect(ids(arrangeLiveRows(list, source, false).rows)).toEqual(["e", "d", "c", "b", "a"]);
  });

  it("drops rows that left the list (filtered out or cut by the page size)", () => {
    const source = mergeLiveRows(list, { rows: [row("d", "10:04:00")], removed: ["b"] }, 2);
    expect(ids(source)).toEqual(["d", "c"]);
    expect(ids(arrangeLiveRows(list, source, false).rows)).toEqual(["d", "c"]);
  });

  it("reports a list whose shown order is already true as sorted, and returns the source itself", () => {
    const source = mergeLiveRows(list, { rows: [row("c", "10:09:00", { messageCount: 3 })], removed: [] }, 100);
    const shown = arrangeLiveRows(list, source, false);
    expect(shown.sorted).toBe(true);
    expect(shown.rows).toBe(source);
  });

  it("handles an empty list on either side", () => {
    expect(arrangeLiveRows([], [], false)).toMatchObject({ rows: [], sorted: true });
    expect(arrangeLiveRows(list, [], false)).toMatchObject({ rows: [], sorted: true });
  });
});
