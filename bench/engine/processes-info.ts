// The bench's view of its processes from /proc: which node processes belong to a process group (the server's, a
// worker's), their resident memory and CPU time, and a signal to each (the profiler's SIGUSR2). Postgres shares the
// server's group and is left out of the memory figures (they are the app's); its CPU time is counted on its own.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

type Proc = { pid: number; ppid: number; comm: string; rssKb: number; cpuTicks: number };

function procs(): Proc[] {
  const out: Proc[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so split after the last ')'.
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const rss = /VmRSS:\s+(\d+) kB/.exec(status);
      // utime and stime: the 14th and 15th fields of the line, the 12th and 13th after comm.
      const cpuTicks = Number(fields[11]) + Number(fields[12]);
      out.push({ pid: Number(entry), ppid: Number(fields[1]), comm, rssKb: rss ? Number(rss[1]) : 0, cpuTicks });
    } catch {} // gone meanwhile
  }
  return out;
}

const isNode = (p: Proc) => p.comm === "node" || p.comm.startsWith("next-server");

/** `root` and everything it started, node processes only. */
export function nodeProcessesOf(root: number): Proc[] {
  const all = procs();
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => tree.has(p.pid) && isNode(p));
}

/** The largest resident set of the tree's node processes, in MB (the one doing the work; tsx's wrapper is small). */
export function rssMb(root: number): number {
  const sizes = nodeProcessesOf(root).map((p) => p.rssKb / 1024);
  return sizes.length ? Math.max(...sizes) : 0;
}

export function signalTree(root: number, signal: NodeJS.Signals) {
  for (const p of nodeProcessesOf(root)) {
    try {
      process.kill(p.pid, signal);
    } catch {}
  }
}

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/**
 * CPU time used so far, in ms, by the node processes of each root's tree and by every Postgres process (the server and
 * its backends; ended backends are not counted, so connections should outlive the window).
 */
export function cpuMs(roots: number[]): { app: number[]; postgres: number } {
  const all = procs();
  const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;
  return {
    app: roots.map((root) => ms(nodeProcessesOf(root).reduce((sum, p) => sum + p.cpuTicks, 0))),
    postgres: ms(all.filter((p) => p.comm === "postgres").reduce((sum, p) => sum + p.cpuTicks, 0)),
  };
}
