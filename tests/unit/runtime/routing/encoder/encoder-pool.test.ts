// The encoder pool with the real encoder (each thread loads it, about a second here, so the tests share threads
// where they can).
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/model/errors";
import { EncoderPool, MAX_ENCODED_CHARS } from "@/lib/runtime/routing/encoder/encoder-pool";
import type { EncoderThread } from "@/lib/runtime/routing/encoder/encoder-thread";

const started: EncoderThread[] = [];
const pool = new EncoderPool({ threads: 1, cacheSize: 3, onThreadStarted: (thread) => started.push(thread) });
afterAll(() => pool.close());

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, d) => sum + x * b[d], 0);

describe("EncoderPool", () => {
  it("encodes texts as 512-d unit vectors whose closeness follows their meaning", { timeout: 30_000 }, async () => {
    const [lost, stolen, hours] = await pool.embedMany([
      "I lost my card",
      "someone stole my bank card",
      "when does the branch open",
    ]);
    expect(lost).toHaveLength(512);
    expect(Math.hypot(...lost)).toBeCloseTo(1, 4);
    expect(cosine(lost, stolen)).toBeGreaterThan(cosine(lost, hours) + 0.2);
    // One text alone, as a live message is encoded, gives the same vector as in a batch (to rounding).
    const alone = await pool.embed("I lost my card");
    expect(cosine(alone, lost)).toBeCloseTo(1, 5);
  });

  it("keeps recent texts, a bounded number of them", async () => {
    const first = await pool.embed("where is my parcel");
    expect(await pool.embed("where is my parcel")).toBe(first);
    // Identical texts asked for at once are encoded once.
    const [a, b] = await Promise.all([pool.embed("cancel my order"), pool.embed("cancel my order")]);
    expect(a).toBe(b);
    for (const text of ["one", "two", "three"]) await pool.embed(text);
    const again = await pool.embed("where is my parcel");
    expect(again).not.toBe(first);
    expect(Array.from(again)).toEqual(Array.from(first));
  });

  it("encodes only the start of a very long text", async () => {
    const long = "please help me with my refund. ".repeat(100);
    expect(await pool.embed(long)).toBe(await pool.embed(long.slice(0, MAX_ENCODED_CHARS)));
  });

  it("rejects what a crashed thread held with an AppError and replaces the thread", { timeout: 30_000 }, async () => {
    const texts = Array.from({ length: 400 }, (_, n) => `message number ${n} about my account`);
    const training = pool.embedMany(texts);
    const crashed = started.at(-1)!;
    setTimeout(() => void crashed.worker.terminate(), 50);
    const error = await training.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "INTERNAL", message: expect.stringMatching(/thread exited/) });
    expect(crashed.alive).toBe(false);
    const vector = await pool.embed("a message after the crash");
    expect(vector).toHaveLength(512);
    expect(started.at(-1)).not.toBe(crashed);
  });

  it("rejects when a thread cannot start or does not answer, instead of hanging", async () => {
    const missing = new EncoderPool({ threads: 1, workerFile: "/nonexistent/embed-worker.mjs" });
    await expect(missing.embed("hello")).rejects.toBeInstanceOf(AppError);
    const silent = new EncoderPool({
      threads: 1,
      timeoutMs: 200,
      workerFile: new URL("../../../../support/silent-worker.mjs", import.meta.url).pathname,
    });
    await expect(silent.embed("hello")).rejects.toThrow(/no answer within 200 ms/);
    await silent.close();
    await missing.close();
  });

  it("rejects requests once closed", async () => {
    const closed = new EncoderPool({ threads: 1 });
    await closed.close();
    await expect(closed.embed("hello")).rejects.toThrow(/pool was closed/);
  });

  it("lets a process that used it exit without closing it", { timeout: 60_000 }, () => {
    const script = [
      'import { encoderPool } from "@/lib/runtime/routing/encoder/encoder-pool";',
      'const vector = await encoderPool().embed("hello there");',
      "console.log(vector.length);",
    ].join("\n");
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 50_000,
    });
    expect(child.stderr).toBe("");
    expect(child.stdout.trim()).toBe("512");
    expect(child.status).toBe(0);
  });
});
