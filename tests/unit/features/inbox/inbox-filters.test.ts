import { describe, expect, it } from "vitest";
import { hasFilters, inboxQuery, inboxSearchError, parseInboxFilters } from "@/lib/features/inbox/inbox-filters";

describe("parseInboxFilters", () => {
  it("reads every filter from the URL and writes it back in a stable order", () => {
    const filters = parseInboxFilters({
      breached: "yes",
      skill: "billing",
      priority: "1",
      reason: "Customer asked for a person",
      queue: "general",
      flow: "retail-support",
      owner: "mine",
      status: "claimed",
    });
    expect(filters).toEqual({
      status: "claimed",
      owner: "mine",
      flow: "retail-support",
      queue: "general",
      reason: "Customer asked for a person",
      priority: 1,
      skill: "billing",
      breached: true,
    });
    expect(inboxQuery(filters)).toBe(
      "status=claimed&owner=mine&flow=retail-support&queue=general&reason=Customer+asked+for+a+person&priority=1&skill=billing&breached=yes",
    );
  });

  it("drops unknown or malformed values instead of failing", () => {
    const filters = parseInboxFilters({
      status: "lost",
      owner: "theirs",
      priority: "7",
      breached: "no",
      flow: "../x",
      reason: "x".repeat(201),
      queue: ["general", "other"],
    });
    expect(filters).toEqual({ queue: "general" });
    expect(hasFilters(parseInboxFilters({}))).toBe(false);
  });

  it("keeps a valid search and says why one that is too short or too long was ignored", () => {
    const filters = parseInboxFilters({ q: "  A1002 ", status: "open" });
    expect(filters).toEqual({ q: "A1002", status: "open" });
    expect(inboxQuery(filters)).toBe("q=A1002&status=open");
    expect(parseInboxFilters({ q: "a" })).toEqual({});
    expect(inboxSearchError({ q: "a" })).toBe("Type at least 2 characters to search.");
    expect(inboxSearchError({ q: "x".repeat(201) })).toBe("A search can be at most 200 characters.");
    expect(inboxSearchError({ q: "refund" })).toBeNull();
  });
});
