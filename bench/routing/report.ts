// bench:routing's printed table: one row per figure, one column per router mode.
import { fmt } from "@/bench/support/format";
import { ECE_BINS } from "./metrics";
import type { ModeResult } from "./evaluate";
import type { RouterMode } from "@/lib/runtime/routing/router-model";

const pct = (share: number) => `${fmt(100 * share, 2)}%`;
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 2)} MB`;
/** µs below a millisecond (the fast mode), ms above (a sentence encoder). */
const duration = (us: number) => (us < 1000 ? `${fmt(us, 0)} µs` : `${fmt(us / 1000, 1)} ms`);

export function printTable(header: [string, string][], columns: string[], rows: [string, string[]][]): void {
  const labels = [...header.map(([k]) => k), ...rows.map(([k]) => k)];
  const width = Math.max(...labels.map((k) => k.length));
  for (const [k, v] of header) console.log(`${k.padEnd(width)}  ${v}`);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map(([, vs]) => vs[i].length)));
  const line = (k: string, vs: string[]) =>
    `${k.padEnd(width)}  ${vs.map((v, i) => v.padEnd(widths[i])).join("   ")}`.trimEnd();
  console.log(line("mode", columns));
  for (const [k, vs] of rows) console.log(line(k, vs));
}

export function printReport(
  header: [string, string][],
  results: { mode: RouterMode; result: ModeResult }[],
  threshold: number,
): void {
  const row = (label: string, cell: (r: ModeResult) => string): [string, string[]] => [
    label,
    results.map(({ result }) => cell(result)),
  ];
  printTable(
    header,
    results.map(({ mode }) => mode),
    [
      row("intents", (r) => String(r.model.intents.length)),
      row("training time", (r) => `${fmt(r.trainingWallS)} s wall, ${fmt(r.trainingCpuS)} s CPU`),
      row("accuracy (top-1, in-scope)", (r) => pct(r.accuracy)),
      row("macro-F1 (top-1, in-scope)", (r) => fmt(r.macroF1, 4)),
      row(`ECE (top-1, in-scope; ${ECE_BINS} equal-width confidence bins)`, (r) => fmt(r.ece, 3)),
      row(`in-scope accuracy, confidence ≥ ${threshold}`, (r) => pct(r.acceptedAccuracy)),
      row(`OOS recall, confidence < ${threshold}`, (r) =>
        r.oosRecall === null ? "n/a (no out-of-scope test rows)" : pct(r.oosRecall),
      ),
      row("inference p50 / p99 (per utterance, warm)", (r) => `${duration(r.p50Us)} / ${duration(r.p99Us)}`),
      row("model size (serialised)", (r) => mb(r.sizeBytes)),
      row(
        "model",
        (r) =>
          `${r.model.vocabulary.length} features, ${r.model.mlp?.hidden ?? 0} hidden units, temperature ${fmt(r.model.temperature, 3)}`,
      ),
    ],
  );
}
