// One Switchboard per data directory: a second start gets a clear message instead of a corrupted database,
// and the leftovers of a crashed start (a stale lock, an orphaned postmaster) are cleaned up.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isProcessAlive, runningPostmasterPid, stopPostmaster } from "@/lib/platform/db/embedded-postgres";

/** databaseUrl lets `npm run worker` join a running embedded instance; the lock file lives beside its credentials. */
type LockInfo = { pid: number; url?: string; serverPid?: number; databaseUrl?: string; startedAt: string };

const lockFile = (dataRoot: string) => path.join(dataRoot, "switchboard.lock");

export class AlreadyRunningError extends Error {}

export function assertNotRunning(dataRoot: string): void {
  const file = lockFile(dataRoot);
  if (!existsSync(file)) return;
  const info = readLock(dataRoot);
  if (info && info.pid !== process.pid && isProcessAlive(info.pid)) {
    throw new AlreadyRunningError(
      `Switchboard is already running (pid ${info.pid}${info.url ? `, ${info.url}` : ""}) on the data in ${dataRoot}. ` +
        `Stop it first (Ctrl-C in its terminal, or: kill ${info.pid}).`,
    );
  }
}

/**
 * Stops what a start that was killed (kill -9, a crash) left behind: its web server's process group and its
 * postmaster. Call after assertNotRunning, so the owner is known to be gone.
 */
export async function reapOrphans(dataRoot: string, log: (line: string) => void): Promise<void> {
  const stale = readLock(dataRoot);
  if (stale?.serverPid && isProcessAlive(stale.serverPid)) {
    log(`Stopping a web server (pid ${stale.serverPid}) left over from a previous run…`);
    try {
      process.kill(-stale.serverPid, "SIGTERM");
    } catch {}
  }
  const pid = runningPostmasterPid(path.join(dataRoot, "postgres"));
  if (!pid) return;
  log(`Stopping an embedded Postgres (pid ${pid}) left over from a previous run that did not shut down cleanly…`);
  await stopPostmaster(pid);
}

export function readLock(dataRoot: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(lockFile(dataRoot), "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

export function writeLock(dataRoot: string, info: Omit<LockInfo, "pid" | "startedAt">): () => void {
  mkdirSync(dataRoot, { recursive: true });
  const file = lockFile(dataRoot);
  writeFileSync(file, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), ...info }));
  return () => {
    try {
      const current = JSON.parse(readFileSync(file, "utf8")) as LockInfo;
      if (current.pid === process.pid) rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  };
}
