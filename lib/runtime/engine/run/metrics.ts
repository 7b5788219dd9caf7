// Process-local engine counters for bench/engine: how long waves spend executing nodes versus persisting them.
// With ENGINE_METRICS_FILE set, a worker process writes them there every second and when it stops.
import { writeFileSync } from "node:fs";
import { config } from "@/lib/platform/config";

export type EngineMetrics = {
  pid: number;
  events: number;
  /** Of which run by the process that accepted the message (run-where-accepted.ts), without a job. */
  inline: number;
  waves: number;
  steps: number;
  /** Wall time of wave transactions, begin → commit. */
  waveMs: number;
  /** Of which node execution (the slowest node of each wave). */
  execMs: number;
  /** waveMs − execMs: reading the cursor, writing steps, spans, messages, state, audit, and the commit. */
  persistMs: number;
};

const metrics: EngineMetrics = {
  pid: process.pid,
  events: 0,
  inline: 0,
  waves: 0,
  steps: 0,
  waveMs: 0,
  execMs: 0,
  persistMs: 0,
};

let lastWrite = 0;

export function recordWave(wave: {
  steps: number;
  waveMs: number;
  execMs: number;
  finished: boolean;
  inline?: boolean;
}) {
  metrics.waves++;
  metrics.steps += wave.steps;
  metrics.waveMs += wave.waveMs;
  metrics.execMs += wave.execMs;
  metrics.persistMs += Math.max(0, wave.waveMs - wave.execMs);
  if (wave.finished) metrics.events++;
  if (wave.inline) metrics.inline++;
  // A web process has no worker tick: it writes as it goes, at most once a second.
  if (Date.now() - lastWrite > 1000) {
    lastWrite = Date.now();
    writeMetricsFile();
  }
}

export function writeMetricsFile(): void {
  const file = config().ENGINE_METRICS_FILE;
  // The process's memory beside the counters: bench:engine prints what its RSS is made of (heap, buffers, code).
  if (file) writeFileSync(file, JSON.stringify({ ...metrics, memory: process.memoryUsage() }));
}
