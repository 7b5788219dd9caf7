// The Approvals tab's "waiting 15 min" (it read "for 15 min ago" before).
import { describe, expect, it } from "vitest";
import { waitingFor } from "@/components/inbox/approval-format";
import { formatDuration } from "@/components/ui/format";

describe("waitingFor", () => {
  const since = new Date("2026-12-01T10:00:00.000Z");
  it("says how long a request has waited", () => {
    expect(waitingFor(since, since.getTime() + 15 * 60_000, formatDuration)).toBe("waiting 15 min");
    expect(waitingFor(since, since.getTime() + 125 * 60_000, formatDuration)).toBe("waiting 2 h 5 min");
    expect(waitingFor(since, since.getTime() + 20_000, formatDuration)).toBe("waiting since just now");
  });
});
