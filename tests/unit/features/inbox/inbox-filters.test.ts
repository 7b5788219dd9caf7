import { describe, expect, it } from "vitest";
import { hasFilters, inboxQuery, parseInboxFilters } from "@/lib/features/inbox/inbox-filters";

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
});
