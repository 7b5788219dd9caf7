// Summarizes the V8 CPU profiles the bench's processes wrote (profile-preload.mjs): per process, how busy it was and
// where its time went, top functions by self time and the same grouped by package or app folder.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SourceMapConsumer } from "source-map-js";
import { fmt } from "@/bench/support/format";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type CpuProfile = { nodes: { id: number; callFrame: CallFrame }[]; samples: number[]; timeDeltas: number[] };

// A production build runs bundled chunks: their source maps name the app file (and function) each frame is in.
const consumers = new Map<string, SourceMapConsumer | null>();
function original(frame: CallFrame): CallFrame {
  if (!frame.url.includes("/.next/")) return frame;
  const file = frame.url.startsWith("file:") ? fileURLToPath(frame.url) : frame.url;
  if (!consumers.has(file)) {
    const map = `${file}.map`;
    consumers.set(file, existsSync(map) ? new SourceMapConsumer(JSON.parse(readFileSync(map, "utf8"))) : null);
  }
  const at = consumers.get(file)?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
  if (!at?.source) return frame;
  const source = at.source.replace(/^.*?(node_modules\/|\[project\]\/)/, (_m, g: string) =>
    g === "node_modules/" ? g : "",
  );
  return {
    functionName: at.name ?? frame.functionName,
    url: `/${source}`,
    lineNumber: (at.line ?? 1) - 1,
    columnNumber: 0,
  };
}

/** "node_modules/@prisma/client/…" → "@prisma/client"; "/repo/lib/runtime/engine/run/x.ts" → "lib/runtime/engine"; "node:…" → "node internals". */
function area(url: string): string {
  if (!url) return "(V8 / native)";
  if (url.startsWith("node:")) return "node internals";
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  const app = /(?:^|\/)((?:lib|app|components|scripts|prisma)(?:\/[^/]+){0,2})\/.+$/.exec(url);
  if (app) return app[1];
  if (url.includes("/.next/")) return ".next (compiled app)";
  return path.basename(url);
}

function summarize(file: string, top: number): { busy: number; lines: string[] } {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, original(n.callFrame)]));
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = byId.get(id);
    if (!frame) return;
    total += ms;
    if (frame.functionName === "(idle)") {
      idle += ms;
      return;
    }
    const where = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : "";
    const key = `${frame.functionName || "(anonymous)"} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + ms);
    const group = frame.functionName.startsWith("(") ? frame.functionName : area(frame.url);
    areas.set(group, (areas.get(group) ?? 0) + ms);
  });
  const busy = total - idle;
  const pct = (ms: number) => `${fmt((100 * ms) / Math.max(1, busy), 1)}%`;
  const lines = [
    `${path.basename(file)}: ${fmt(total / 1000, 1)} s sampled, busy ${fmt((100 * busy) / Math.max(1, total), 0)}% (shares below are of the busy time)`,
    `  by area: ${[...areas]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([name, ms]) => `${name} ${pct(ms)}`)
      .join(", ")}`,
    `  top functions by self time:`,
  ];
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`    ${pct(ms).padStart(6)}  ${name}`);
  return { busy, lines };
}

/** The profiles in `dir`, biggest first; tsx's small wrapper processes are left out. */
export function profileSummary(dir: string, top = 12): string[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(dir, f));
  return files
    .map((file) => summarize(file, top))
    .filter((s) => s.busy >= 500)
    .sort((a, b) => b.busy - a.busy)
    .flatMap((s) => s.lines);
}
