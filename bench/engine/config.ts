// bench/engine.ts's options (env) and targets; see its header comment.
import path from "node:path";
import { pathToFileURL } from "node:url";

export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
export const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
export const ENGINE_CONCURRENCY = Number(process.env.ENGINE_CONCURRENCY ?? 8);
export const PHASES = (process.env.BENCH_PHASES ?? "1,2")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
/** Web processes (BENCH_WEB): the first is `npm start`'s, the others web-only `next start`s on the next ports. */
export const WEBS = Math.max(1, Number(process.env.BENCH_WEB ?? 1));
export const BARE_INSERTS = Number(process.env.BENCH_BARE_INSERTS ?? 2000);
/**
 * BENCH_ROUTER_MODE=fast|semantic: the mode of the flow's classifiers (its router and its start node's interruption
 * check), set on the bench's copy before it is republished. Unset, the demo's own mode is measured.
 */
export const ROUTER_MODE = routerModeFromEnv(process.env.BENCH_ROUTER_MODE);

function routerModeFromEnv(value: string | undefined): "fast" | "semantic" | null {
  if (!value) return null;
  if (value === "fast" || value === "semantic") return value;
  throw new Error(`BENCH_ROUTER_MODE must be fast or semantic, got ${value}`);
}

/** The flow the simulated customers talk to: the Retail demo, whose start node checks interruptions. */
export const FLOW_SLUG = "retail-support";
/** What the engine must reach on this machine class, and the product's goal beside it. */
export const TARGETS = [
  { name: "must reach", tps: 150, p99: 300, persistRatio: 5 },
  { name: "goal", tps: 500, p99: 150, persistRatio: 2 },
] as const;
export const RSS_LIMIT_MB = 400;
/**
 * BENCH_PROFILE=1: the server and the workers sample their CPU during the measured window (profile-preload.mjs) and
 * the bench prints where the time went; BENCH_PROFILE=<directory> also keeps the .cpuprofile files there.
 */
export const PROFILE = Boolean(process.env.BENCH_PROFILE) && process.env.BENCH_PROFILE !== "0";
export const PROFILE_KEEP =
  PROFILE && process.env.BENCH_PROFILE !== "1" ? path.resolve(process.env.BENCH_PROFILE!) : null;

const root = process.cwd();
export const TSX_BIN = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
export const WEB_SERVER = path.join(root, "scripts", "web-server.mjs");
export const PROFILE_PRELOAD = pathToFileURL(path.join(root, "bench", "engine", "profile-preload.mjs")).href;
