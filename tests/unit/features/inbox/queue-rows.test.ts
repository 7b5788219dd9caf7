import { describe, expect, it } from "vitest";
import type { EscalationRow } from "@/lib/features/inbox/list-escalations";
import { toQueueRows } from "@/lib/features/inbox/queue-rows";

const at = new Date("2026-01-02T03:04:05.000Z");
const row = (over: Partial<EscalationRow>): EscalationRow => ({
  id: "e1",
  status: "open",
  reason: "Customer asked for a person",
  queue: "general",
  priority: 2,
  createdAt: at,
  slaDueAt: at,
  claimedAt: null,
  resolvedAt: null,
  assignee: null,
  assigneeId: null,
  skills: [],
  slaBreachedAt: null,
  handoff: null,
  conversation: { id: "c1", status: "escalated", flowName: "Retail", flowSlug: "retail-support", customerName: null },
  lastCustomerMessage: { text: "hello", createdAt: at },
  ...over,
});

describe("toQueueRows", () => {
  it("lets a handler claim only open rows and marks the viewer's own", () => {
    const rows = toQueueRows(
      [
        row({ id: "open" }),
        row({ id: "mine", status: "claimed", assigneeId: "u1", assignee: "Me" }),
        row({ id: "theirs", status: "claimed", assigneeId: "u2", assignee: "Bob" }),
      ],
      { userId: "u1", canHandle: true },
    );
    expect(rows.map((r) => [r.id, r.canClaim, r.owner])).toEqual([
      ["open", true, null],
      ["mine", false, { name: "Me", isViewer: true }],
      ["theirs", false, { name: "Bob", isViewer: false }],
    ]);
    expect(rows[0]).toMatchObject({
      createdAt: at.toISOString(),
      lastMessage: { text: "hello", at: at.toISOString() },
      resolvedAt: null,
    });
  });

  it("offers no claim on an escalation an external contact centre handles, and names it", () => {
    const [external] = toQueueRows(
      [row({ status: "claimed", handoff: { endpoint: "Acme CC", externalRef: "CASE-42" } })],
      { userId: "u1", canHandle: true },
    );
    expect(external).toMatchObject({
      canClaim: false,
      owner: null,
      handoff: { endpoint: "Acme CC", externalRef: "CASE-42" },
    });
  });

  it("offers no claim to someone who cannot handle escalations", () => {
    expect(toQueueRows([row({})], { userId: "u1", canHandle: false })[0].canClaim).toBe(false);
  });
});
