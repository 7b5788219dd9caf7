// A detached watchdog that signals child processes when their owner disappears, even by SIGKILL, so a crashed
// Switchboard never leaves an orphaned Postgres or web server holding the data directory or the port.
import { spawn } from "node:child_process";

export type WatchedProcess = { pid: number; group?: boolean; signal: "SIGINT" | "SIGTERM" };

const SCRIPT = `
  const [owner, targets] = [Number(process.argv[1]), JSON.parse(process.argv[2])];
  const alive = (p) => { try { process.kill(p, 0); return true; } catch (e) { return e.code === "EPERM"; } };
  const timer = setInterval(() => {
    if (!targets.some((t) => alive(t.pid))) process.exit(0);
    if (alive(owner)) return;
    for (const t of targets) { try { process.kill(t.group ? -t.pid : t.pid, t.signal); } catch {} }
    clearInterval(timer);
  }, 500);`;

export function armWatchdog(ownerPid: number, targets: WatchedProcess[]): void {
  const child = spawn(process.execPath, ["-e", SCRIPT, String(ownerPid), JSON.stringify(targets)], {
    detached: true,
    stdio: "ignore",
  });
  child.unref();
}
