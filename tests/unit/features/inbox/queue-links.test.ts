import { describe, expect, it } from "vitest";
import { queueQuery, searchParam, withQuery } from "@/lib/features/inbox/queue-links";

describe("queue links", () => {
  it("keep the filters and the search text on every link", () => {
    expect(queueQuery({ owner: "mine", priority: 1 }, "A1004")).toBe("owner=mine&priority=1&q=A1004");
    expect(queueQuery({}, "")).toBe("");
    expect(withQuery("/inbox", "owner=mine", { tab: "approvals" })).toBe("/inbox?owner=mine&tab=approvals");
    expect(withQuery("/inbox/e1", "")).toBe("/inbox/e1");
  });

  it("read the search text trimmed and bounded", () => {
    expect(searchParam({ q: "  refund A1004 " })).toBe("refund A1004");
    expect(searchParam({ q: ["first", "second"] })).toBe("first");
    expect(searchParam({})).toBe("");
    expect(searchParam({ q: "x".repeat(500) })).toHaveLength(200);
  });
});
