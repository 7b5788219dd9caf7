// bench/engine.ts's options (env) and targets; see its header comment.
import path from "node:path";

export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
export const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
export const ENGINE_CONCURRENCY = Number(process.env.ENGINE_CONCURRENCY ?? 16);
export const PHASES = (process.env.BENCH_PHASES ?? "1,2")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
export const BARE_INSERTS = Number(process.env.BENCH_BARE_INSERTS ?? 2000);
/** The flow the simulated customers talk to: the Retail demo, whose start node checks interruptions. */
export const FLOW_SLUG = "retail-support";
export const TARGET_TPS = 500;
export const TARGET_P99 = 150;
export const TARGET_PERSIST_RATIO = 2;

const root = process.cwd();
export const TSX_BIN = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
