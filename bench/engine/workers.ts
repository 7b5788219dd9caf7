// bench/engine.ts's engine worker processes (`scripts/worker.ts`) and the metrics files they write.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { sleep } from "@/bench/support/sleep";
import { ENGINE_CONCURRENCY, PROFILE_PRELOAD, TSX_BIN } from "./config";
import { cleanups, killGroup, tail, waitExit } from "./processes";
import { type Target } from "./server";

type WorkerProcess = { child: ChildProcess; metricsFile: string; log: string };
type EngineMetrics = {
  pid: number;
  events: number;
  inline: number;
  waves: number;
  steps: number;
  waveMs: number;
  execMs: number;
  persistMs: number;
};

export async function startWorkers(
  count: number,
  target: Target,
  dir: string,
  phase: string,
  profileDir: string | null,
): Promise<WorkerProcess[]> {
  const workers: WorkerProcess[] = [];
  for (let i = 0; i < count; i++) {
    const metricsFile = path.join(dir, `metrics-${phase}-${i}.json`);
    const log = path.join(dir, `worker-${phase}-${i}.log`);
    const out = openSync(log, "a");
    const args = [TSX_BIN, "--conditions=react-server", "scripts/worker.ts"];
    const child = spawn(process.execPath, args, {
      env: {
        ...process.env,
        ...target.workerEnv,
        ENGINE_METRICS_FILE: metricsFile,
        ENGINE_CONCURRENCY: String(ENGINE_CONCURRENCY),
        NODE_ENV: "production",
        ...(profileDir ? { NODE_OPTIONS: `--import ${PROFILE_PRELOAD}`, BENCH_PROFILE_DIR: profileDir } : {}),
      },
      stdio: ["ignore", out, out],
      detached: true,
    });
    const worker = { child, metricsFile, log };
    workers.push(worker);
    cleanups.push(() => stopWorker(worker));
  }
  for (const worker of workers) {
    const deadline = Date.now() + 120_000;
    while (!tail(worker.log).includes("Engine worker running")) {
      if (worker.child.exitCode !== null) throw new Error(`A worker exited during start-up:\n${tail(worker.log)}`);
      if (Date.now() > deadline) throw new Error(`A worker did not start within 120 s:\n${tail(worker.log)}`);
      await sleep(200);
    }
  }
  return workers;
}

export async function stopWorker(worker: WorkerProcess) {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  killGroup(worker.child, "SIGTERM");
  if (!(await waitExit(worker.child, 20_000))) killGroup(worker.child, "SIGKILL");
}

/** The workers' counters plus the web processes' (`webs`), which run the turns they can take at once themselves. */
export function readMetrics(workers: WorkerProcess[], webs: string[]): EngineMetrics {
  const sum: EngineMetrics = { pid: 0, events: 0, inline: 0, waves: 0, steps: 0, waveMs: 0, execMs: 0, persistMs: 0 };
  for (const file of [...workers.map((w) => w.metricsFile), ...webs]) {
    if (!existsSync(file)) continue;
    try {
      const m = JSON.parse(readFileSync(file, "utf8")) as EngineMetrics;
      for (const key of ["events", "inline", "waves", "steps", "waveMs", "execMs", "persistMs"] as const)
        sum[key] += m[key] ?? 0;
    } catch {}
  }
  return sum;
}

/** The memory a web process last reported with its metrics (heap, external, array buffers), in MB. */
export function webMemory(webs: string[]): string | null {
  for (const file of webs) {
    if (!existsSync(file)) continue;
    try {
      const m = (JSON.parse(readFileSync(file, "utf8")) as { memory?: NodeJS.MemoryUsage }).memory;
      if (!m) continue;
      const mb = (bytes: number) => Math.round(bytes / 1048576);
      return `heap ${mb(m.heapUsed)} MB used of ${mb(m.heapTotal)} MB, external ${mb(m.external)} MB (array buffers ${mb(m.arrayBuffers)} MB), RSS ${mb(m.rss)} MB`;
    } catch {}
  }
  return null;
}
