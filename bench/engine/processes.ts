// bench/engine.ts's child processes and clean-up: everything pushed onto `cleanups` runs (last pushed, first run) on
// exit, on errors and on SIGINT/SIGTERM/SIGHUP (the handlers are installed when this module is imported).
import { type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

export const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | null = null;
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch {}
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the workers and the server…`);
    void cleanup().then(() => process.exit(130));
  });
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  try {
    process.kill(-child.pid!, signal);
  } catch {}
}

export function waitExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}
