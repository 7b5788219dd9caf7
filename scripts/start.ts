// `npm start`: the embedded default in one command. Starts Postgres (unless DATABASE_URL is set), applies
// migrations, seeds the demo on first start, builds the app when needed and serves it. Ctrl-C stops everything.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { readSeedApiKey } from "@/lib/platform/crypto/api-key-format";
import { appRoleCredentials, ensureAppRole } from "@/lib/platform/db/app-role";
import { ensureDatabase } from "@/lib/platform/db/ensure-database";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/platform/db/embedded-postgres";
import { migrateDeploy, migrateQueue } from "@/lib/platform/db/migrate";
import { armWatchdog } from "@/lib/platform/process/watchdog";
import { readEnv } from "./lib/env";
import { AlreadyRunningError, assertNotRunning, reapOrphans, writeLock } from "./lib/instance-lock";
import { needsBuild } from "./lib/needs-build";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const say = (line: string) => console.log(`[switchboard] ${line}`);
const NEXT_BIN = path.join(root, "node_modules", "next", "dist", "bin", "next");
const TSX_BIN = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");

let server: ChildProcess | undefined;
let database: EmbeddedDatabase | undefined;
let releaseLock: (() => void) | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM"); // the whole group: `next dev` leaves its server process behind otherwise
    } catch {}
  }
  if (database) {
    say("Stopping the embedded Postgres…");
    await database.stop().catch(() => {});
  }
  releaseLock?.();
  process.exit(code);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [command, ...args], { env, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${label} failed (exit ${code}).`))));
  });
}

function persistentSecret(dataRoot: string): string {
  const file = path.join(dataRoot, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataRoot, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function waitUntilServing(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null && server?.exitCode !== undefined)
      throw new Error("The web server exited during start-up.");
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The web server did not answer on ${url} within ${timeoutMs / 1000}s.`);
}

async function main() {
  const env = readEnv();
  readSeedApiKey(process.env); // a malformed SEED_API_KEY stops the start before anything is started or written
  const dataRoot = path.resolve(env.SWITCHBOARD_DATA_DIR ?? path.join(root, ".data"));
  const origin = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;

  assertNotRunning(dataRoot);
  await reapOrphans(dataRoot, say);
  releaseLock = writeLock(dataRoot, { url: origin });

  if (!(await portIsFree(env.PORT))) {
    throw new Error(
      `Port ${env.PORT} is already in use. Stop whatever is using it, or choose another: PORT=${env.PORT + 1} npm start`,
    );
  }

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const fresh = !existsSync(path.join(dataRoot, "postgres", "PG_VERSION"));
    say(
      fresh
        ? `Creating the embedded Postgres in ${path.relative(root, dataRoot) || "."}/postgres…`
        : "Starting the embedded Postgres…",
    );
    database = await startEmbeddedPostgres({ dataRoot, persistent: true });
    databaseUrl = database.serverUrl("switchboard");
    await ensureDatabase(databaseUrl);
  } else {
    say(`Using the Postgres at ${new URL(databaseUrl).host} (DATABASE_URL).`);
  }

  const applied = await migrateDeploy(databaseUrl);
  if (applied) say(`Applied ${applied} migration(s).`);
  await migrateQueue(databaseUrl);
  // The embedded default: the app connects as a restricted role that cannot change or delete audit entries. A
  // DATABASE_URL you supply is used as given (README: Audit trail).
  const appUrl = database ? await ensureAppRole(databaseUrl, appRoleCredentials(dataRoot)) : databaseUrl;

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: appUrl,
    NEXTAUTH_URL: origin,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? persistentSecret(dataRoot),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // A workspace this start creates gets the demo's 30 days of traffic (DEMO_HISTORY=off skips it): the seed leaves
  // its id in historyFile, and the history is written while the app builds (a first start builds), not before.
  const historyFile = path.join(dataRoot, "demo-history.pending");
  await run(
    TSX_BIN,
    ["--conditions=react-server", path.join(root, "prisma", "seed.ts"), "--history-file", historyFile],
    childEnv,
    "Seeding",
  );
  const steps: Promise<void>[] = [];
  if (existsSync(historyFile)) {
    say("Writing the demo's 30 days of history (DEMO_HISTORY=off skips it)…");
    const seedHistory = path.join(root, "prisma", "seed-history.ts");
    steps.push(run(TSX_BIN, ["--conditions=react-server", seedHistory, historyFile], childEnv, "Demo history"));
  }
  if (!dev && needsBuild(root)) {
    say("Building the app (first start or changed sources; this takes a minute or two)…");
    steps.push(run(NEXT_BIN, ["build"], { ...childEnv, NODE_ENV: "production" }, "next build"));
  }
  // Both finish (or fail) before the server starts: a failed build does not leave the history half-waited-for.
  const failed = (await Promise.allSettled(steps)).find((r) => r.status === "rejected");
  if (failed) throw failed.reason;

  // Production: scripts/web-server.mjs, Next.js's handler plus the public API's turn path called directly.
  const serve = dev ? [NEXT_BIN, "dev"] : [path.join(root, "scripts", "web-server.mjs")];
  server = spawn(process.execPath, [...serve, "-p", String(env.PORT)], {
    env: { ...childEnv, NODE_ENV: dev ? "development" : "production", NODE_OPTIONS: webNodeOptions(env.WEB_HEAP_MB) },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true, // its own process group, so shutdown stops whatever the server starts too
  });
  if (server.pid) {
    writeLock(dataRoot, {
      url: origin,
      serverPid: server.pid,
      databaseUrl: env.DATABASE_URL ? undefined : databaseUrl,
    });
    armWatchdog(process.pid, [{ pid: server.pid, group: true, signal: "SIGTERM" }]);
  }
  server.on("exit", (code) => {
    if (!stopping) {
      say(`The web server exited (code ${code}).`);
      void shutdown(code ?? 1);
    }
  });
  await waitUntilServing(`http://localhost:${env.PORT}`, dev ? 120_000 : 60_000);
  say(`Switchboard is ready at ${origin}`);
}

/**
 * The web server's heap limit, ahead of any NODE_OPTIONS of the caller's own (a later flag wins). Left to itself, V8
 * let the heap of a busy server grow to 350 MB with a third of it in use (bench:engine: 440 MB resident at 160
 * turns/s); at 256 MB it collects sooner and stays near 230 MB resident at the same rate.
 */
function webNodeOptions(heapMb: number): string | undefined {
  const own = process.env.NODE_OPTIONS;
  if (heapMb === 0) return own;
  return [`--max-old-space-size=${heapMb}`, own].filter(Boolean).join(" ");
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));
process.on("exit", () => {
  if (server?.pid && !stopping) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {}
  }
});

main().catch(async (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`\n[switchboard] ${error instanceof AlreadyRunningError ? "" : "Could not start: "}${message}\n`);
  await shutdown(1);
});
