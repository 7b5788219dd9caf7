// bench/engine.ts's server: a production server started as `npm start` does, with the engine left to the bench's
// worker processes.
import { spawn } from "node:child_process";
import { mkdtempSync, openSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sleep } from "@/bench/support/sleep";
import { readLock } from "@/scripts/lib/instance-lock";
import { PROFILE, PROFILE_PRELOAD, TSX_BIN, WEB_SERVER } from "./config";
import { cleanups, killGroup, tail, waitExit } from "./processes";

/** A web process: its address, and (when the bench started it) its pid and where it writes its engine counters. */
export type Web = { url: string; pid?: number; metricsFile?: string };

export type Target = {
  /** The first web process's address (set-up and checks go there). */
  url: string;
  /** Every web process; customer i talks to webs[i % webs.length], as a load balancer would spread them. */
  webs: Web[];
  databaseUrl: string;
  apiKey: string;
  workerEnv: Record<string, string>;
  /** Where the web processes write their CPU profiles (BENCH_PROFILE). */
  profileDir?: string;
};

async function waitForHealth(url: string, timeoutMs: number, alive: () => boolean) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error("The server exited during start-up.");
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {}
    await sleep(500);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

export async function startServer(): Promise<Target> {
  const port = Number(process.env.BENCH_PORT ?? 3470);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-engine-"));
  const logDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-engine-log-"));
  const log = path.join(logDir, "server.log");
  const url = `http://localhost:${port}`;
  const apiKey = `sb_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2)}xxxxxxxx`;
  console.log(`Starting a production server on ${url} (data in ${dataDir}; log ${log})…`);
  const out = openSync(log, "a");
  const metricsFile = path.join(logDir, "server-metrics.json");
  const profileDir = PROFILE ? mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-engine-profile-")) : undefined;
  const child = spawn(process.execPath, [TSX_BIN, "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      SWITCHBOARD_DATA_DIR: dataDir,
      ADMIN_EMAIL: "admin@acme.test",
      ADMIN_PASSWORD: "bench-engine-password",
      NEXTAUTH_URL: url,
      SEED_API_KEY: apiKey,
      ENGINE_IN_PROCESS_WORKER: "false",
      // Every simulated customer comes from this machine: the API's per-address and per-conversation limits are off.
      API_REQUESTS_PER_ADDRESS: "0",
      API_MESSAGES_PER_CONVERSATION: "0",
      ENGINE_METRICS_FILE: metricsFile,
      ...(profileDir ? { NODE_OPTIONS: `--import ${PROFILE_PRELOAD}`, BENCH_PROFILE_DIR: profileDir } : {}),
    },
    stdio: ["ignore", out, out],
    detached: true, // its own process group: start.ts, next-server and Postgres stop together
  });
  cleanups.push(async () => {
    console.log("Stopping the server and its embedded Postgres…");
    // SIGTERM to start.ts only: it stops next-server's group and then Postgres (a group kill would skip the latter).
    try {
      process.kill(child.pid!, "SIGTERM");
    } catch {}
    if (!(await waitExit(child, 30_000))) killGroup(child, "SIGKILL");
    killGroup(child, "SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(logDir, { recursive: true, force: true });
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });
  try {
    await waitForHealth(url, 900_000, () => child.exitCode === null);
  } catch (error) {
    console.error(tail(log));
    throw error;
  }
  const databaseUrl = readLock(dataDir)?.databaseUrl;
  if (!databaseUrl) throw new Error(`No databaseUrl in ${dataDir}/switchboard.lock`);
  return {
    url,
    webs: [{ url, pid: child.pid, metricsFile }],
    databaseUrl,
    apiKey,
    workerEnv: { SWITCHBOARD_DATA_DIR: dataDir },
    profileDir,
  };
}

/**
 * More web processes on the same database, as a scale-out deployment runs them (N stateless instances behind a load
 * balancer): the web server `npm start` runs (scripts/web-server.mjs) on the next ports, web-only, with the bench's
 * limits.
 */
export async function startMoreWebs(target: Target, count: number): Promise<void> {
  const basePort = Number(new URL(target.url).port);
  for (let i = 1; i <= count; i++) {
    const port = basePort + i;
    const url = `http://localhost:${port}`;
    const logDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-engine-web-"));
    const log = path.join(logDir, "web.log");
    const metricsFile = path.join(logDir, "web-metrics.json");
    const child = spawn(process.execPath, [WEB_SERVER, "-p", String(port)], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: target.databaseUrl,
        NEXTAUTH_URL: url,
        NEXTAUTH_SECRET: `bench-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`,
        NEXT_TELEMETRY_DISABLED: "1",
        ENGINE_IN_PROCESS_WORKER: "false",
        API_REQUESTS_PER_ADDRESS: "0",
        API_MESSAGES_PER_CONVERSATION: "0",
        ENGINE_METRICS_FILE: metricsFile,
        // The heap limit `npm start` gives its web server (WEB_HEAP_MB), which a bare web server would not have.
        NODE_OPTIONS: [
          `--max-old-space-size=${process.env.WEB_HEAP_MB || 256}`,
          target.profileDir && `--import ${PROFILE_PRELOAD}`,
        ]
          .filter(Boolean)
          .join(" "),
        ...(target.profileDir ? { BENCH_PROFILE_DIR: target.profileDir } : {}),
      },
      stdio: ["ignore", openSync(log, "a"), openSync(log, "a")],
      detached: true,
    });
    cleanups.push(async () => {
      killGroup(child, "SIGTERM");
      if (!(await waitExit(child, 20_000))) killGroup(child, "SIGKILL");
      rmSync(logDir, { recursive: true, force: true });
    });
    try {
      await waitForHealth(url, 120_000, () => child.exitCode === null);
    } catch (error) {
      console.error(tail(log));
      throw error;
    }
    target.webs.push({ url, pid: child.pid, metricsFile });
  }
}
