/**
 * Intent-router benchmark: trains the classifier, then prints accuracy, macro-F1, out-of-scope
 * recall, inference latency and model size.
 *
 *   npx tsx bench/routing.ts                                   # BANKING77 train.csv, seeded 80/20 split per intent
 *   npx tsx bench/routing.ts --train a.csv --test b.csv        # CSV columns text,category
 *   options: --threshold 0.5 (below it a prediction counts as out-of-scope), --seed 42,
 *            --tune (score on a 20% stratified slice of the TRAINING rows instead of the test rows,
 *            which are then not read at all: the only honest way to compare hyperparameters),
 *            --hyper '{"svmBlend":0}' (override training hyperparameters, for experiments),
 *            --train-all (only time training on every row of the file, as the app does at start-up)
 *
 * Rows with category `oos` never train the model; in the test set they measure how often
 * confidence falls below the threshold on text that matches no intent. With --tune, the training
 * file's oos rows (if any) play that part instead.
 *
 * Then (not with --tune or --hyper, which are about the classifier above) the start node's interruption check, per
 * customer message, on the Retail demo flow: see bench/routing/interruption-cost.ts.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import Papa from "papaparse";
import { printInterruptionCost } from "@/bench/routing/interruption-cost";
import { classifyIntent } from "@/lib/runtime/routing/intent-classifier";
import { serializeIntentModel } from "@/lib/runtime/routing/serialize-intent-model";
import {
  trainIntentClassifier,
  trainIntentClassifierWithHyper,
  type TrainingExample,
} from "@/lib/runtime/routing/train-intent-classifier";

const OOS = "oos";
const DEFAULT_DATA = "data/banking77/train.csv";
const TEST_FRACTION = 0.2;

const { values } = parseArgs({
  options: {
    train: { type: "string" },
    test: { type: "string" },
    threshold: { type: "string", default: "0.5" },
    seed: { type: "string", default: "42" },
    tune: { type: "boolean", default: false },
    hyper: { type: "string" },
    "train-all": { type: "boolean", default: false },
  },
});
const threshold = Number(values.threshold);
const seed = Number(values.seed);
if (!(threshold >= 0 && threshold <= 1))
  throw new Error(`--threshold must be between 0 and 1, got ${values.threshold}`);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
if (values.test && !values.train) throw new Error("--test needs --train");
if (values.train && !values.test && !values.tune && !values["train-all"])
  throw new Error("Give both --train and --test, or neither (or --train with --tune)");

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

function loadRows(): { train: TrainingExample[]; test: TrainingExample[]; source: string } {
  const outer = values.train
    ? { train: readCsv(values.train), test: values.tune ? [] : readCsv(values.test!) }
    : stratifiedSplit(readCsv(DEFAULT_DATA), TEST_FRACTION, seed);
  const source = values.train
    ? `${values.train} → ${values.test ?? "(none)"}`
    : `${DEFAULT_DATA}, ${100 * TEST_FRACTION}% held out per intent (seed ${seed})`;
  if (!values.tune) return { ...outer, source };
  // Tuning mode: the test rows are dropped unread; a validation slice is carved from the training rows.
  const inner = stratifiedSplit(
    outer.train.filter((r) => r.intent !== OOS),
    TEST_FRACTION,
    seed + 1,
  );
  return {
    train: inner.train,
    test: [...inner.test, ...outer.train.filter((r) => r.intent === OOS)],
    source: `TUNING: ${100 * TEST_FRACTION}% validation slice of the training rows of ${values.train ?? DEFAULT_DATA} (seed ${seed + 1})`,
  };
}

/** Mean |confidence − accuracy| over 10 confidence bins, weighted by bin size: 0 is perfectly calibrated. */
function expectedCalibrationError(pairs: { actual: string; predicted: string; confidence: number }[]): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, correct: 0 }));
  for (const p of pairs) {
    const bin = bins[Math.min(9, Math.floor(p.confidence * 10))];
    bin.n++;
    bin.confidence += p.confidence;
    bin.correct += p.predicted === p.actual ? 1 : 0;
  }
  return bins.reduce((sum, b) => sum + Math.abs(b.confidence - b.correct), 0) / Math.max(1, pairs.length);
}

const hyper = values.hyper ? JSON.parse(values.hyper) : null;
const train = (rows: TrainingExample[]) =>
  hyper ? trainIntentClassifierWithHyper(rows, { seed, ...hyper }) : trainIntentClassifier(rows, { seed });

if (values["train-all"]) {
  // What the app does at start-up: train on every row of the file (no test rows, no scores).
  const rows = readCsv(values.train ?? DEFAULT_DATA).filter((r) => r.intent !== OOS);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const full = train(rows);
  const cpuUsed = process.cpuUsage(cpu0);
  console.log(`trained on all ${rows.length} rows of ${values.train ?? DEFAULT_DATA} (${full.intents.length} intents)`);
  console.log(
    `training time  ${((performance.now() - t0) / 1000).toFixed(1)} s wall, ${((cpuUsed.user + cpuUsed.system) / 1e6).toFixed(1)} s CPU`,
  );
  console.log(`model size     ${(serializeIntentModel(full).length / 1024 / 1024).toFixed(2)} MB`);
  process.exit(0);
}

const { train: trainRows, test: testRows, source } = loadRows();
const training = trainRows.filter((r) => r.intent !== OOS);
const inScope = testRows.filter((r) => r.intent !== OOS);
const outOfScope = testRows.filter((r) => r.intent === OOS);

const started = performance.now();
const cpuBefore = process.cpuUsage();
const model = train(training);
const cpu = process.cpuUsage(cpuBefore);
const trainingSeconds = (performance.now() - started) / 1000;

const unknown = new Set(inScope.filter((r) => !model.intents.includes(r.intent)).map((r) => r.intent));
if (unknown.size > 0)
  console.warn(`warning: test intents absent from training count as errors: ${[...unknown].join(", ")}`);

// Warm up the JIT (and let the collector clear training garbage) before timing: steady-state latency.
for (const r of testRows.slice(0, 1000)) classifyIntent(model, r.text);
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
  ["data", source],
  [
    "rows train / test",
    `${training.length} / ${testRows.length} (test: ${inScope.length} in-scope, ${outOfScope.length} out-of-scope)`,
  ],
  ["intents", String(model.intents.length)],
  // CPU time as well as wall time: on a shared machine wall time mostly measures the neighbours.
  ["training time", `${trainingSeconds.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`],
  ["accuracy (top-1, in-scope)", pct(correct.length, inScope.length)],
  ["macro-F1 (top-1, in-scope)", macroF1(inScopePredictions, model.intents).toFixed(4)],
  ["calibration error (ECE, 10 bins)", expectedCalibrationError(inScopePredictions).toFixed(3)],
  [`in-scope accuracy, confidence ≥ ${threshold}`, pct(accepted.length, inScope.length)],
];
if (outOfScope.length > 0)
  report.push([
    `OOS recall, confidence < ${threshold}`,
    pct(oosPredictions.filter((p) => p.confidence < threshold).length, outOfScope.length),
  ]);
report.push(
  ["latency p50 / p99", `${percentile(latencies, 0.5).toFixed(0)} / ${percentile(latencies, 0.99).toFixed(0)} µs`],
  [
    "model size",
    `${(serializeIntentModel(model).length / 1024 / 1024).toFixed(2)} MB (${model.vocabulary.length} features, ${model.mlp?.hidden ?? 0} hidden units, temperature ${model.temperature.toFixed(3)})`,
  ],
);
const width = Math.max(...report.map(([k]) => k.length));
for (const [k, v] of report) console.log(`${k.padEnd(width)}  ${v}`);

// Its cost depends on neither the CSVs nor the hyperparameters given, so experiments on those skip it.
if (!values.tune && !hyper) await printInterruptionCost();
