/**
 * Intent-router benchmark: trains the classifier, then prints accuracy, macro-F1, out-of-scope
 * recall, inference latency and model size.
 *
 *   npx tsx bench/routing.ts                                   # BANKING77 train.csv, seeded 80/20 split per intent
 *   npx tsx bench/routing.ts --train a.csv --test b.csv        # CSV columns text,category
 *   options: --threshold 0.5 (below it a prediction counts as out-of-scope), --seed 42
 *
 * Rows with category `oos` never train the model; in the test set they measure how often
 * confidence falls below the threshold on text that matches no intent.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import Papa from "papaparse";
import {
  classifyIntent,
  serializeIntentModel,
  trainIntentClassifier,
  type TrainingExample,
} from "../lib/routing/intent-classifier";

const OOS = "oos";
const DEFAULT_DATA = "data/banking77/train.csv";
const TEST_FRACTION = 0.2;

const { values } = parseArgs({
  options: {
    train: { type: "string" },
    test: { type: "string" },
    threshold: { type: "string", default: "0.5" },
    seed: { type: "string", default: "42" },
  },
});
const threshold = Number(values.threshold);
const seed = Number(values.seed);
if (!(threshold >= 0 && threshold <= 1)) throw new Error(`--threshold must be between 0 and 1, got ${values.threshold}`);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
if (Boolean(values.train) !== Boolean(values.test)) throw new Error("Give both --train and --test, or neither");

function readCsv(path: string): TrainingExample[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, "utf8"), {
    header: true,
    skipEmptyLines: "greedy",
  });
  if (parsed.errors.length > 0) throw new Error(`${path}: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
  if (!parsed.meta.fields?.includes("text") || !parsed.meta.fields.includes("category"))
    throw new Error(`${path}: expected columns text,category`);
  return parsed.data.map((r) => ({ text: r.text.trim(), intent: r.category.trim() }));
}

/** Seeded per-intent split, so every intent appears in both parts in its original proportion. */
function stratifiedSplit(rows: TrainingExample[], testFraction: number, seed: number) {
  const byIntent = new Map<string, TrainingExample[]>();
  for (const r of rows) (byIntent.get(r.intent) ?? byIntent.set(r.intent, []).get(r.intent)!).push(r);
  let state = seed >>> 0;
  const rand = () => {
    // mulberry32: a reproducible split without Math.random
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const train: TrainingExample[] = [];
  const test: TrainingExample[] = [];
  for (const intent of [...byIntent.keys()].sort()) {
    const members = [...byIntent.get(intent)!];
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [members[i], members[j]] = [members[j], members[i]];
    }
    const nTest = Math.round(members.length * testFraction);
    members.forEach((r, n) => (n < nTest ? test : train).push(r));
  }
  return { train, test };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function macroF1(pairs: { actual: string; predicted: string }[], intents: readonly string[]): number {
  const f1s = intents.map((intent) => {
    const tp = pairs.filter((p) => p.actual === intent && p.predicted === intent).length;
    const fp = pairs.filter((p) => p.actual !== intent && p.predicted === intent).length;
    const fn = pairs.filter((p) => p.actual === intent && p.predicted !== intent).length;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return f1s.reduce((a, b) => a + b, 0) / f1s.length;
}

const { train: trainRows, test: testRows } = values.train
  ? { train: readCsv(values.train), test: readCsv(values.test!) }
  : stratifiedSplit(readCsv(DEFAULT_DATA), TEST_FRACTION, seed);
const training = trainRows.filter((r) => r.intent !== OOS);
const inScope = testRows.filter((r) => r.intent !== OOS);
const outOfScope = testRows.filter((r) => r.intent === OOS);

const started = performance.now();
const cpuBefore = process.cpuUsage();
const model = trainIntentClassifier(training, { seed });
const cpu = process.cpuUsage(cpuBefore);
const trainingSeconds = (performance.now() - started) / 1000;

const unknown = new Set(inScope.filter((r) => !model.intents.includes(r.intent)).map((r) => r.intent));
if (unknown.size > 0) console.warn(`warning: test intents absent from training count as errors: ${[...unknown].join(", ")}`);

for (const r of testRows.slice(0, 200)) classifyIntent(model, r.text); // warm up the JIT before timing
const latencies: number[] = [];
const predictions = testRows.map((r) => {
  const t0 = performance.now();
  const prediction = classifyIntent(model, r.text);
  latencies.push((performance.now() - t0) * 1000);
  return { actual: r.intent, predicted: prediction.intent, confidence: prediction.confidence };
});
latencies.sort((a, b) => a - b);
const inScopePredictions = predictions.filter((p) => p.actual !== OOS);
const oosPredictions = predictions.filter((p) => p.actual === OOS);

const correct = inScopePredictions.filter((p) => p.predicted === p.actual);
const accepted = correct.filter((p) => p.confidence >= threshold);
const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(2)}%`;

const report: [string, string][] = [
  ["data", values.train ? `${values.train} → ${values.test}` : `${DEFAULT_DATA}, ${100 * TEST_FRACTION}% held out per intent (seed ${seed})`],
  ["rows train / test", `${training.length} / ${testRows.length} (test: ${inScope.length} in-scope, ${outOfScope.length} out-of-scope)`],
  ["intents", String(model.intents.length)],
  // CPU time as well as wall time: on a shared machine wall time mostly measures the neighbours.
  ["training time", `${trainingSeconds.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`],
  ["accuracy (top-1, in-scope)", pct(correct.length, inScope.length)],
  ["macro-F1 (top-1, in-scope)", macroF1(inScopePredictions, model.intents).toFixed(4)],
  [`in-scope accuracy, confidence ≥ ${threshold}`, pct(accepted.length, inScope.length)],
];
if (outOfScope.length > 0)
  report.push([`OOS recall, confidence < ${threshold}`, pct(oosPredictions.filter((p) => p.confidence < threshold).length, outOfScope.length)]);
report.push(
  ["latency p50 / p99", `${percentile(latencies, 0.5).toFixed(0)} / ${percentile(latencies, 0.99).toFixed(0)} µs`],
  ["model size", `${(serializeIntentModel(model).length / 1024 / 1024).toFixed(2)} MB (${model.vocabulary.length} features, temperature ${model.temperature.toFixed(3)})`],
);
const width = Math.max(...report.map(([k]) => k.length));
for (const [k, v] of report) console.log(`${k.padEnd(width)}  ${v}`);
