import { describe, expect, it } from "vitest";
import { liveKeyAction, moveSelection } from "@/lib/features/live/live-keys";
import { liveCursorValue, liveFiltersQuery, parseLiveCursor, parseLiveFilters } from "@/lib/features/live/live-filters";
import { mergeLiveRows, nextLiveTotal, updateLiveRowsInPlace } from "@/lib/features/live/live-rows";
import { liveRow as row } from "@/tests/support/live-row";

describe("mergeLiveRows", () => {
  const list = [row("c", "10:03:00"), row("b", "10:02:00"), row("a", "10:01:00")];

  it("puts a new conversation at the top", () => {
    const merged = mergeLiveRows(list, { rows: [row("d", "10:04:00")], removed: [] }, 100);
    expect(merged.map((r) => r.id)).toEqual(["d", "c", "b", "a"]);
  });

  it("moves an updated conversation up and refreshes it in place", () => {
    const merged = mergeLiveRows(
      list,
      { rows: [row("a", "10:05:00", { messageCount: 4, status: "escalated" })], removed: [] },
      100,
    );
    expect(merged.map((r) => r.id)).toEqual(["a", "c", "b"]);
    expect(merged[0]).toMatchObject({ messageCount: 4, status: "escalated" });
  });

  it("drops rows that stop matching the filters", () => {
    expect(mergeLiveRows(list, { rows: [], removed: ["b", "unknown"] }, 100).map((r) => r.id)).toEqual(["c", "a"]);
  });

  it("never lets an older copy replace a newer one, and keeps the same array when nothing changed", () => {
    expect(mergeLiveRows(list, { rows: [row("c", "10:00:00", { messageCount: 9 })], removed: [] }, 100)).toBe(list);
    expect(mergeLiveRows(list, { rows: [], removed: [] }, 100)).toBe(list);
  });

  it("keeps at most `limit` rows", () => {
    expect(mergeLiveRows(list, { rows: [row("d", "10:04:00")], removed: [] }, 2).map((r) => r.id)).toEqual(["d", "c"]);
  });
});

describe("nextLiveTotal", () => {
  const list = [row("b", "10:02:00"), row("a", "10:01:00")];
  it("counts arrivals and departures while the list is complete", () => {
    expect(nextLiveTotal(2, list, { rows: [row("c", "10:03:00"), row("a", "10:04:00")], removed: ["b"] })).toBe(2);
    expect(nextLiveTotal(2, list, { rows: [row("c", "10:03:00")], removed: [] })).toBe(3);
  });
  it("leaves a cut list's total to the next snapshot", () => {
    expect(nextLiveTotal(250, list, { rows: [row("c", "10:03:00")], removed: ["a"] })).toBe(250);
  });
});

describe("live filters", () => {
  it("reads every filter from the URL and writes them back in a stable order", () => {
    const filters = parseLiveFilters(
      new URLSearchParams("agent=retail-support%3Aorders&channel=api&status=active&flow=retail-support"),
    );
    expect(filters).toEqual({
      status: "active",
      flowSlug: "retail-support",
      channel: "api",
      agent: { flowSlug: "retail-support", nodeId: "orders" },
    });
    expect(liveFiltersQuery(filters)).toBe(
      "status=active&flow=retail-support&channel=api&agent=retail-support%3Aorders",
    );
  });

  it("ignores unknown or malformed values (a stale bookmark still opens)", () => {
    expect(parseLiveFilters({ status: "sleeping", channel: "test", agent: "no-node", flow: "bad slug!" })).toEqual({});
    expect(parseLiveFilters({ agent: "a:b:c" })).toEqual({});
    expect(liveFiltersQuery({})).toBe("");
  });

  it("keeps a valid search and waiting filter, and drops a search that is too short", () => {
    const filters = parseLiveFilters(new URLSearchParams("q=%20refund%20&waiting=human"));
    expect(filters).toEqual({ q: "refund", waiting: "human" });
    expect(liveFiltersQuery(filters)).toBe("q=refund&waiting=human");
    expect(parseLiveFilters({ q: "a", waiting: "nobody" })).toEqual({});
  });
});

describe("the Live page cursor", () => {
  it("round-trips through the URL and ignores anything malformed", () => {
    const cursor = { updatedAt: new Date("2026-11-21T10:00:00.123Z"), id: "clabc_1" };
    expect(parseLiveCursor(liveCursorValue(cursor))).toEqual(cursor);
    for (const bad of ["", "abc", "12.", ".id", "12.id;drop", "1.2.3"]) expect(parseLiveCursor(bad)).toBeUndefined();
  });
});

describe("live keyboard", () => {
  const key = (
    k: string,
    target: Partial<{ tagName: string; isContentEditable: boolean }> = { tagName: "BODY" },
    mods = {},
  ) =>
    liveKeyAction({
      key: k,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      target: target as unknown as EventTarget,
      ...mods,
    });

  it("maps j/k, arrows, Enter and t", () => {
    expect([key("j"), key("ArrowDown"), key("k"), key("ArrowUp"), key("Enter"), key("t")]).toEqual([
      "next",
      "next",
      "previous",
      "previous",
      "open",
      "takeOver",
    ]);
  });

  it("never acts while typing, with modifiers, or on Enter over a link or button", () => {
    expect(key("j", { tagName: "INPUT" })).toBeNull();
    expect(key("t", { tagName: "TEXTAREA" })).toBeNull();
    expect(key("k", { tagName: "SELECT" })).toBeNull();
    expect(key("t", { tagName: "DIV", isContentEditable: true })).toBeNull();
    expect(key("t", { tagName: "BODY" }, { ctrlKey: true })).toBeNull();
    expect(key("Enter", { tagName: "A" })).toBeNull();
    expect(key("x")).toBeNull();
  });

  it("moves the selection within the list, starting at the top", () => {
    const ids = ["a", "b", "c"];
    expect(moveSelection(ids, null, "next")).toBe("a");
    expect(moveSelection(ids, "a", "next")).toBe("b");
    expect(moveSelection(ids, "c", "next")).toBe("c");
    expect(moveSelection(ids, "a", "previous")).toBe("a");
    expect(moveSelection(ids, "gone", "previous")).toBe("a");
    expect(moveSelection([], "a", "next")).toBeNull();
  });
});

describe("updateLiveRowsInPlace (a later page)", () => {
  const page = [row("c", "10:03:00"), row("b", "10:02:00"), row("a", "10:01:00")];

  it("refreshes rows where they stand, drops rows that left, and adds nothing", () => {
    const next = updateLiveRowsInPlace(page, {
      rows: [row("a", "10:09:00", { messageCount: 5 }), row("z", "10:10:00")],
      removed: ["b"],
    });
    expect(next.map((r) => r.id)).toEqual(["c", "a"]);
    expect(next[1]).toMatchObject({ messageCount: 5, cursor: page[2].cursor });
  });

  it("returns the same array when nothing on the page changed", () => {
    expect(updateLiveRowsInPlace(page, { rows: [row("z", "10:10:00")], removed: ["y"] })).toBe(page);
  });
});
