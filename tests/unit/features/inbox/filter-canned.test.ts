import { describe, expect, it } from "vitest";
import { filterCannedReplies } from "@/lib/features/inbox/filter-canned";

const replies = [
  { id: "1", title: "Refund on its way", body: "Your refund has been approved." },
  { id: "2", title: "Greeting", body: "Hi there" },
  { id: "3", title: "Closing", body: "Anything else about your refund?" },
  { id: "4", title: "Partial refund", body: "We refunded part of it." },
];

describe("filterCannedReplies", () => {
  it("lists everything alphabetically for an empty query", () => {
    expect(filterCannedReplies(replies, " ").map((r) => r.title)).toEqual([
      "Closing",
      "Greeting",
      "Partial refund",
      "Refund on its way",
    ]);
  });

  it("ranks title prefix, then title substring, then body matches, case-insensitively", () => {
    expect(filterCannedReplies(replies, "REF").map((r) => r.id)).toEqual(["1", "4", "3"]);
  });

  it("returns nothing when nothing matches", () => {
    expect(filterCannedReplies(replies, "zebra")).toEqual([]);
  });
});
