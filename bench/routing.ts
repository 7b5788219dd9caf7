/**
 * Intent-router benchmark: trains the router in each mode asked for, then prints accuracy, macro-F1, out-of-scope
 * recall, calibration error, inference latency, training time and model size, one column per mode.
 *
 *   npx tsx bench/routing.ts                                   # BANKING77 train.csv, seeded 80/20 split per intent
 *   npx tsx bench/routing.ts --dataset clinc150                # CLINC150: train.json → val.json + oos_val.json
 *   npx tsx bench/routing.ts --train a.csv --test b.csv        # CSV columns text,category
 *   options: --mode fast|semantic|both (default fast),
 *            --shots 10 (train on 10 rows per intent drawn from the training rows with --seed; intents with fewer
 *            keep all; the test rows are the same as without --shots: the 80/20 split then uses seed 42 unless
 *            --split-seed says otherwise),
 *            --threshold 0.5 (below it a prediction counts as out-of-scope), --seed 42 (training, the --shots sample
 *            and, without --shots, the 80/20 split), --split-seed N,
 *            --tune (score on a 20% stratified slice of the TRAINING rows instead of the test rows,
 *            which are then not read at all: the only honest way to compare hyperparameters),
 *            --hyper '{"svmBlend":0}' (override the fast classifier's training hyperparameters, for experiments),
 *            --train-all (only time training on every row of the file, as the app does at start-up)
 *
 * Rows with category `oos` never train the model; in the test set they measure how often
 * confidence falls below the threshold on text that matches no intent. With --tune, the training
 * file's oos rows (if any, e.g. CLINC150's oos_train.json) play that part instead.
 *
 * Then (not with --tune or --hyper, which are about the classifier above) the start node's interruption check, per
 * customer message, on the Retail demo flow: see bench/routing/interruption-cost.ts.
 */
import { OOS, allTrainingRows, loadRows, trainingRows } from "@/bench/routing/datasets";
import { evaluateMode, timeTraining, type Trainer } from "@/bench/routing/evaluate";
import { printInterruptionCost } from "@/bench/routing/interruption-cost";
import { parseBenchOptions, type BenchOptions } from "@/bench/routing/options";
import { printTable, printReport } from "@/bench/routing/report";
import { trainRouterModel, type RouterMode } from "@/lib/runtime/routing/router-model";
import { fmt } from "@/bench/support/format";
import { trainIntentClassifierWithHyper } from "@/lib/runtime/routing/train-intent-classifier";

function trainerFor(mode: RouterMode, options: BenchOptions): Trainer {
  const { hyper, seed } = options;
  if (hyper) return async (rows) => trainIntentClassifierWithHyper(rows, { seed, ...hyper });
  return (rows) => trainRouterModel(rows, { seed, mode });
}

/** What the app does at start-up: train on every row of the file (no test rows, no scores). */
async function timeTrainingOnAll(options: BenchOptions): Promise<void> {
  const { name, rows: all } = allTrainingRows(options.rows);
  const { rows, note } = trainingRows(all, options.shots, options.seed);
  const results = [];
  for (const mode of options.modes) results.push(await timeTraining(trainerFor(mode, options), rows));
  printTable(
    [["data", `all ${rows.length} rows of ${name}${note}`]],
    [...options.modes],
    [
      ["intents", results.map((r) => String(r.model.intents.length))],
      ["training time", results.map((r) => `${fmt(r.trainingWallS)} s wall, ${fmt(r.trainingCpuS)} s CPU`)],
      ["model size (serialised)", results.map((r) => `${fmt(r.sizeBytes / 1024 / 1024, 2)} MB`)],
    ],
  );
}

async function main(options: BenchOptions): Promise<void> {
  if (options.trainAll) return timeTrainingOnAll(options);

  const loaded = loadRows(options.rows, options);
  const { rows: training, note } = trainingRows(loaded.train, options.shots, options.seed);
  const inScope = loaded.test.filter((r) => r.intent !== OOS).length;
  const results = [];
  for (const mode of options.modes) {
    const result = await evaluateMode(trainerFor(mode, options), training, loaded.test, options.threshold);
    if (result.unknownIntents.length > 0)
      console.warn(`warning: test intents absent from training count as errors: ${result.unknownIntents.join(", ")}`);
    results.push({ mode, result });
  }
  printReport(
    [
      ["data", `${loaded.source}${note}`],
      [
        "rows train / test",
        `${training.length} / ${loaded.test.length} (test: ${inScope} in-scope, ${loaded.test.length - inScope} out-of-scope)`,
      ],
    ],
    results,
    options.threshold,
  );

  // Its cost depends on neither the data nor the hyperparameters given, so experiments on those skip it.
  if (!options.tune && !options.hyper) await printInterruptionCost();
}

let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  // A usage mistake: the message says what to change, a stack trace would only bury it.
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
// Exit explicitly: a mode may keep workers alive (a sentence encoder's pool) after the figures are printed.
main(options).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
