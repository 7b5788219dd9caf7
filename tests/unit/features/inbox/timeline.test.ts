import { describe, expect, it } from "vitest";
import {
  keepPending,
  mergeTimeline,
  withPending,
  type Timeline,
  type TimelineMessage,
  type TimelineNote,
} from "@/lib/features/inbox/timeline";

const message = (seq: number, at: string, text = `m${seq}`, role: TimelineMessage["role"] = "customer") =>
  ({ kind: "message", id: `m${seq}`, seq, role, author: null, text, at }) satisfies TimelineMessage;
const note = (id: string, at: string, body = id) =>
  ({ kind: "note", id, author: "Ana", body, at }) satisfies TimelineNote;

describe("mergeTimeline", () => {
  it("keeps messages in seq order and places each note after what was written before it", () => {
    const items = mergeTimeline(
      [message(2, "2026-12-01T10:02:00.000Z"), message(1, "2026-12-01T10:00:00.000Z")],
      [note("late", "2026-12-01T10:05:00.000Z"), note("between", "2026-12-01T10:01:00.000Z")],
    );
    expect(items.map((i) => i.id)).toEqual(["m1", "between", "m2", "late"]);
  });
});

describe("keepPending", () => {
  const base: Timeline = { conversationStatus: "escalated", items: [message(1, "2026-12-01T10:00:00.000Z")] };
  const now = Date.parse("2026-12-01T10:00:30.000Z");
  const optimistic = withPending(
    withPending(base, note("pending-note", "2026-12-01T10:00:20.000Z", "Call back")),
    message(99, "2026-12-01T10:00:25.000Z", "On it", "operator"),
  );

  it("keeps a reply or note the server does not have yet", () => {
    expect(keepPending(base, optimistic, now).items.map((i) => i.id)).toEqual(["m1", "pending-note", "m99"]);
  });

  it("drops it once the server's copy is there, or after a minute", () => {
    const fetched: Timeline = {
      ...base,
      items: [...base.items, message(2, "2026-12-01T10:00:26.000Z", "On it", "operator")],
    };
    expect(keepPending(fetched, optimistic, now).items.map((i) => i.id)).toEqual(["m1", "m2", "pending-note"]);
    expect(keepPending(base, optimistic, now + 120_000)).toBe(base);
  });
});
