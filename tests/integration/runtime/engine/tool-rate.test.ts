// A tool's per-minute limit across a workspace: exact under concurrent callers, sliding across the minute, and taken
// in batches by a process when the limit is high.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { closeSidePool } from "@/lib/platform/db/side-pool";
import { batchOf, takeToolCall } from "@/lib/runtime/engine/nodes/tool-rate";

afterAll(async () => {
  await closeSidePool();
});

/** A test that counts within one minute starts at least 3 s before the next. */
const awayFromMinuteEdge = async () => {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 3_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
};

describe("a tool's per-minute limit", () => {
  it("lets exactly the limit through when many callers race for it", async () => {
    const taken = await Promise.all(Array.from({ length: 20 }, () => takeToolCall("ws:agent:race", 5)));
    expect(taken.filter(Boolean)).toHaveLength(5);
    expect(await takeToolCall("ws:agent:race", 5)).toBe(false);
    // Refusals are not counted: the row holds the calls that ran.
    const row = await db().toolRateCounter.findUniqueOrThrow({ where: { key: "ws:agent:race" } });
    expect(row.calls).toBe(5);
  });

  it("counts the previous minute in proportion to how much of it the last 60 s cover", async () => {
    for (let i = 0; i < 4; i++) expect(await takeToolCall("ws:agent:slide", 4)).toBe(true);
    expect(await takeToolCall("ws:agent:slide", 4)).toBe(false);
    // The same four calls, made in the minute before this one: they still weigh (1 − elapsed) each.
    await db().toolRateCounter.update({
      where: { key: "ws:agent:slide" },
      data: { windowStart: new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000) },
    });
    const elapsed = (Date.now() % 60_000) / 60_000;
    const room = Math.ceil(4 - 4 * (1 - elapsed)); // calls that fit beside the weighted previous minute (±1 at edges)
    let taken = 0;
    while (taken < 10 && (await takeToolCall("ws:agent:slide", 4))) taken++;
    expect(taken).toBeGreaterThanOrEqual(Math.max(0, room - 1));
    expect(taken).toBeLessThanOrEqual(room + 1);
    expect(taken).toBeLessThan(4 + 1);
  });

  it("forgets minutes older than the one before", async () => {
    for (let i = 0; i < 2; i++) expect(await takeToolCall("ws:agent:old", 2)).toBe(true);
    expect(await takeToolCall("ws:agent:old", 2)).toBe(false);
    await db().toolRateCounter.update({
      where: { key: "ws:agent:old" },
      data: { windowStart: new Date(Date.now() - 5 * 60_000) },
    });
    expect(await takeToolCall("ws:agent:old", 2)).toBe(true);
    expect(await takeToolCall("ws:agent:old", 2)).toBe(true);
    expect(await takeToolCall("ws:agent:old", 2)).toBe(false);
  });

  it("takes a high limit's calls in batches: one write of the row per batch, never past the limit", async () => {
    expect(batchOf(199)).toBe(1);
    expect(batchOf(1_000)).toBe(10);
    const counter = () => db().toolRateCounter.findUniqueOrThrow({ where: { key: "ws:agent:batch" } });
    await awayFromMinuteEdge();
    // 1,000 a minute: batches of 10. 25 calls at once take three batches, the third with five left over.
    const first = await Promise.all(Array.from({ length: 25 }, () => takeToolCall("ws:agent:batch", 1_000)));
    expect(first.every(Boolean)).toBe(true);
    expect((await counter()).calls).toBe(30);
    // The five left over are spent without writing the row.
    for (let i = 0; i < 5; i++) expect(await takeToolCall("ws:agent:batch", 1_000)).toBe(true);
    expect((await counter()).calls).toBe(30);
  });

  it("grants only what is left when other processes took the rest, and refuses at the limit", async () => {
    // Another process took 995 of this minute's 1,000: this one gets the last five, not a batch of ten.
    await awayFromMinuteEdge();
    await db().toolRateCounter.create({
      data: {
        key: "ws:agent:rest",
        windowStart: new Date(Math.floor(Date.now() / 60_000) * 60_000),
        calls: 995,
        prevCalls: 0,
      },
    });
    const taken = await Promise.all(Array.from({ length: 12 }, () => takeToolCall("ws:agent:rest", 1_000)));
    expect(taken.filter(Boolean)).toHaveLength(5);
    expect((await db().toolRateCounter.findUniqueOrThrow({ where: { key: "ws:agent:rest" } })).calls).toBe(1_000);
  });
});
