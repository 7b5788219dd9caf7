// One phase of bench/engine.ts: start the workers, run the load (warm-up, then the measured window), measure and
// print the phase's figures, stop the workers.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { fmt } from "@/bench/support/format";
import { quantile } from "@/bench/support/in-process-engine";
import { sleep } from "@/bench/support/sleep";
import { type BenchCustomer } from "./bench-setup";
import { CONCURRENCY, ENGINE_CONCURRENCY, PROFILE, PROFILE_KEEP, SECONDS, WARMUP } from "./config";
import { profileSummary } from "./cpu-profile";
import { runLoad, type Turn } from "./customers";
import { eventTimes, orchestrationOverhead, rowCounters, tableRows } from "./database";
import { cpuMs, rssMb, signalTree } from "./processes-info";
import { REPLY_KINDS, SERVED } from "./reply-kinds";
import { type Target } from "./server";
import { readMetrics, startWorkers, stopWorker, webMemory } from "./workers";

export type PhaseResult = {
  workers: number;
  turns: number;
  tps: number;
  /** Over every turn attempted in the window; a turn that was not served counts as infinitely slow. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  notServed: number;
  createsPerSecond: number;
  overheadMedian: number;
  overheadP95: number;
  appRowsPerTurn: number;
  queueRowsPerTurn: number;
  persistPerStep: number;
  webRssMb: number | null;
  /** CPU ms per turn or start served in the window: the web processes' (null when the server was reused), Postgres's. */
  webCpuPerRequest: number | null;
  postgresCpuPerRequest: number;
  workerRssMb: number;
  inline: number;
  events: number;
};

/** The server writes its profile where it was told at start; each phase's summary takes what it wrote. */
function moveProfiles(from: string, to: string) {
  for (const file of readdirSync(from)) renameSync(path.join(from, file), path.join(to, file));
}

const served = (t: Turn) => t.status === 200 && t.kind != null && SERVED.has(t.kind);

export async function phase(
  workerCount: number,
  target: Target,
  db: pg.Client,
  dir: string,
  customers: BenchCustomer[],
): Promise<PhaseResult> {
  const label = `${target.webs.length} web + ${workerCount} worker process${workerCount === 1 ? "" : "es"}`;
  console.log(
    `\n=== Phase: ${label} × ENGINE_CONCURRENCY ${ENGINE_CONCURRENCY}, ${CONCURRENCY} customers, ${WARMUP} s warm-up + ${SECONDS} s measured ===`,
  );
  const profileDir = PROFILE ? mkdtempSync(path.join(dir, `profile-w${workerCount}-`)) : null;
  const workers = await startWorkers(workerCount, target, dir, `w${workerCount}`, profileDir);
  await sleep(1500); // heartbeats, first metrics file
  const rowsBefore = await rowCounters(db);
  const tablesBefore = await tableRows(db);
  const webPids = target.webs.flatMap((w) => (w.pid ? [w.pid] : []));
  const webMetrics = target.webs.flatMap((w) => (w.metricsFile ? [w.metricsFile] : []));
  const roots = [...webPids, ...workers.map((w) => w.child.pid!)];

  let stop = false;
  const loadStarted = performance.now();
  const loading = runLoad(target, customers, () => stop);
  await sleep(WARMUP * 1000);
  if (profileDir) for (const root of roots) signalTree(root, "SIGUSR2"); // start sampling
  const windowStart = performance.now();
  const windowStartWall = new Date();
  const metricsStart = readMetrics(workers, webMetrics);
  const cpuStart = { ...cpuMs(roots), driver: process.cpuUsage() };
  const rss = { web: 0, worker: 0 };
  const sampler = setInterval(() => {
    for (const pid of webPids) rss.web = Math.max(rss.web, rssMb(pid));
    for (const w of workers) rss.worker = Math.max(rss.worker, rssMb(w.child.pid!));
  }, 500);
  await sleep(SECONDS * 1000);
  clearInterval(sampler);
  const windowEnd = performance.now();
  const windowEndWall = new Date();
  const metricsEnd = readMetrics(workers, webMetrics);
  const cpuEnd = cpuMs(roots);
  const driverCpu = process.cpuUsage(cpuStart.driver);
  if (profileDir) for (const root of roots) signalTree(root, "SIGUSR2"); // write the profiles
  stop = true;
  const load = await loading;
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  // Let the queue drain and every backend flush its statistics (at most once a second, when idle).
  await sleep(2500);
  const rowsAfter = await rowCounters(db);
  const tablesAfter = await tableRows(db);

  const inWindow = load.turns.filter((t) => t.end >= windowStart && t.end < windowEnd);
  const ok = inWindow.filter(served);
  // Unserved turns (202s, errors, refusals, failure notices) are failures: infinitely slow in the percentiles.
  const latencies = inWindow.map((t) => (served(t) ? t.latency : Infinity));
  const accepted = inWindow.filter((t) => t.status === 202).length;
  const failed = inWindow.filter((t) => t.status !== 200 && t.status !== 202).length;
  const windowSeconds = (windowEnd - windowStart) / 1000;
  const creates = load.creations.filter((c) => c.end >= windowStart && c.end < windowEnd && c.status === 201);
  const allOk = load.turns.filter((t) => t.status === 200).length;
  const allCreates = load.creations.filter((c) => c.status === 201).length;

  const overhead = await orchestrationOverhead(db, windowStartWall, windowEndWall);
  const events = await eventTimes(db, windowStartWall, windowEndWall);
  const dm = {
    steps: metricsEnd.steps - metricsStart.steps,
    waves: metricsEnd.waves - metricsStart.waves,
    events: metricsEnd.events - metricsStart.events,
    inline: metricsEnd.inline - metricsStart.inline,
    waveMs: metricsEnd.waveMs - metricsStart.waveMs,
    execMs: metricsEnd.execMs - metricsStart.execMs,
    persistMs: metricsEnd.persistMs - metricsStart.persistMs,
  };
  const appRows = rowsAfter.app - rowsBefore.app;
  const queueRows = rowsAfter.queue - rowsBefore.queue;
  const tps = ok.length / windowSeconds;
  const ms = (q: number) => quantile(latencies, q);

  console.log(
    `turns served in the window: ${ok.length} of ${inWindow.length} in ${fmt(windowSeconds)} s → ${fmt(tps)} turns/s sustained`,
  );
  console.log(
    `  reply kinds (200s in the window): ${REPLY_KINDS.map(
      (k) => [k, inWindow.filter((t) => t.kind === k).length] as const,
    )
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}${SERVED.has(k) ? "" : " (not served)"}`)
      .join(", ")}; 202 ${accepted}; errors ${failed}`,
  );
  for (const [kind, texts] of load.samples) {
    if (!SERVED.has(kind)) for (const text of texts) console.log(`    e.g. ${kind}: ${text}`);
  }
  for (const [what, n] of load.errors) console.log(`  ${n} × ${what}`);
  console.log(
    `turn latency ms, every turn attempted (unserved = ∞): p50 ${fmt(ms(0.5))}  p95 ${fmt(ms(0.95))}  p99 ${fmt(ms(0.99))}  max ${fmt(Math.max(...latencies))}`,
  );
  console.log(
    `conversations created: ${fmt(creates.length / windowSeconds)}/s in the window (create latency p50 ${fmt(
      quantile(
        creates.map((c) => c.latency),
        0.5,
      ),
    )} ms, p99 ${fmt(
      quantile(
        creates.map((c) => c.latency),
        0.99,
      ),
    )} ms)`,
  );
  console.log(
    `where a turn's time goes (events created in the window, n=${events.count}, failed ${events.failed}): queue wait p50 ${fmt(quantile(events.queueMs, 0.5))} / p95 ${fmt(quantile(events.queueMs, 0.95))} ms; engine processing (started → finished) p50 ${fmt(quantile(events.runMs, 0.5))} / p95 ${fmt(quantile(events.runMs, 0.95))} ms; client latency p50 ${fmt(ms(0.5))} ms`,
  );
  console.log(
    `orchestration overhead per node (run span − tool/llm spans) ÷ node spans, ${overhead.runs} runs: median ${fmt(quantile(overhead.perNode, 0.5), 2)} ms, p95 ${fmt(quantile(overhead.perNode, 0.95), 2)} ms` +
      `  (run span p50 ${fmt(quantile(overhead.runMs, 0.5), 2)} ms, nodes/run p50 ${quantile(overhead.nodes, 0.5)}, tool+llm p50 ${fmt(quantile(overhead.externalMs, 0.5), 2)} ms)`,
  );
  console.log(
    `database rows written per turn (whole phase: ${allOk} turns, ${allCreates} conversation starts, ${fmt(loadSeconds)} s; idle → idle): app tables ${fmt(appRows / allOk, 2)}, graphile_worker ${fmt(queueRows / allOk, 2)}, total ${fmt((appRows + queueRows) / allOk, 2)}`,
  );
  const perTable = [...tablesAfter]
    .map(([name, n]) => [name, n - (tablesBefore.get(name) ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  console.log(
    `  database transactions (commits + rollbacks, all clients incl. graphile-worker polling) per turn: ${fmt((rowsAfter.xacts - rowsBefore.xacts) / allOk, 2)}`,
  );
  console.log(
    `  by table (rows/turn): ${perTable.map(([name, n]) => `${name.replace(/^public\./, "")} ${fmt(n / allOk, 2)}`).join(", ")}`,
  );
  const persistPerStep = dm.persistMs / dm.steps;
  console.log(
    `engine metrics in the window (${webMetrics.length} web + ${workerCount} worker file${workerCount === 1 ? "" : "s"}, written every ~2 s): ${dm.events} events (${dm.inline} run by the process that accepted the message, the rest by a worker's job), ${dm.waves} waves, ${dm.steps} steps (${fmt(dm.steps / Math.max(1, dm.events), 2)}/event); ` +
      `wave ${fmt(dm.waveMs / dm.waves, 2)} ms, of which node execution ${fmt(dm.execMs / dm.waves, 2)} ms and persistence ${fmt(dm.persistMs / dm.waves, 2)} ms per wave; persistence per step ${fmt(persistPerStep, 2)} ms`,
  );
  console.log(
    `memory (largest RSS sampled every 0.5 s in the window): largest web ${webPids.length ? `${fmt(rss.web, 0)} MB` : "n/a (reused server)"}, worker ${fmt(rss.worker, 0)} MB`,
  );
  // CPU time per request (turns and starts served in the window): steadier between runs than turns per second, which
  // moves with whatever else the machine does.
  const requests = ok.length + creates.length;
  const perRequest = (msUsed: number) => fmt(msUsed / Math.max(1, requests), 2);
  const appCpu = roots.map((_, i) => cpuEnd.app[i] - cpuStart.app[i]);
  const webCpu = appCpu.slice(0, webPids.length).reduce((a, b) => a + b, 0);
  const workerCpu = appCpu.slice(webPids.length).reduce((a, b) => a + b, 0);
  console.log(
    `CPU per request served (${requests} turns and starts in the window), ms: web ${webPids.length ? perRequest(webCpu) : "n/a"}, ` +
      `Postgres ${perRequest(cpuEnd.postgres - cpuStart.postgres)}, workers ${perRequest(workerCpu)}, ` +
      `load driver ${perRequest((driverCpu.user + driverCpu.system) / 1000)}`,
  );
  const memory = webMemory(webMetrics);
  if (memory) console.log(`  the web process at the end of the window: ${memory}`);

  for (const worker of workers) await stopWorker(worker);
  if (profileDir) {
    if (target.profileDir) moveProfiles(target.profileDir, profileDir);
    console.log(`CPU profiles of the measured window (${profileDir}):`);
    for (const line of profileSummary(profileDir)) console.log(`  ${line}`);
    if (PROFILE_KEEP) {
      mkdirSync(PROFILE_KEEP, { recursive: true });
      for (const file of readdirSync(profileDir))
        copyFileSync(path.join(profileDir, file), path.join(PROFILE_KEEP, file));
      console.log(`  (kept in ${PROFILE_KEEP}; open them in Chrome DevTools → Performance)`);
    }
  }
  return {
    workers: workerCount,
    turns: ok.length,
    tps,
    p50: ms(0.5),
    p95: ms(0.95),
    p99: ms(0.99),
    max: Math.max(...latencies),
    notServed: inWindow.length - ok.length,
    createsPerSecond: creates.length / windowSeconds,
    overheadMedian: quantile(overhead.perNode, 0.5),
    overheadP95: quantile(overhead.perNode, 0.95),
    appRowsPerTurn: appRows / allOk,
    queueRowsPerTurn: queueRows / allOk,
    persistPerStep,
    webRssMb: webPids.length ? rss.web : null,
    webCpuPerRequest: webPids.length ? webCpu / Math.max(1, requests) : null,
    postgresCpuPerRequest: (cpuEnd.postgres - cpuStart.postgres) / Math.max(1, requests),
    workerRssMb: rss.worker,
    inline: dm.inline,
    events: dm.events,
  };
}
