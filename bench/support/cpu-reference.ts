// A fixed piece of single-threaded work, timed: printed beside the benches' figures so figures taken on different
// machines (or on one machine on different days) can be compared. The same code's trace render measured 2.0 s on one
// machine of this class and 0.5-0.7 s on another; the load average alone did not tell them apart.
import { createHash } from "node:crypto";

/** Median milliseconds of 5 runs of SHA-256 over 32 MB plus a JSON round trip of a 20,000-entry object. */
export function cpuReferenceMs(): number {
  const block = Buffer.alloc(32 * 1024 * 1024, 7);
  const object = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`key${i}`, { i, text: `value ${i}` }]));
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    createHash("sha256").update(block).digest();
    JSON.parse(JSON.stringify(object));
    runs.push(performance.now() - started);
  }
  return runs.sort((a, b) => a - b)[2];
}

export function cpuReferenceNote(): string {
  return `CPU reference ${cpuReferenceMs().toFixed(0)} ms (fixed single-threaded work; lower is a faster machine)`;
}
