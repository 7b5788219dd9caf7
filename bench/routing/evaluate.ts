// One router mode on one split: train it, time it, score every test row and compute the figures the report prints.
import { quantile } from "@/bench/support/in-process-engine";
import type { IntentModel } from "@/lib/runtime/routing/intent-model";
import type { TrainingExample } from "@/lib/runtime/routing/train-intent-classifier";
import { OOS } from "./datasets";
import { expectedCalibrationError, macroF1, type ScoredPrediction } from "./metrics";
import { classifyRouterText, serializeIntentModel } from "@/lib/runtime/routing/router-model";

const WARMUP_ROWS = 1000;

export type Trainer = (rows: TrainingExample[]) => Promise<IntentModel>;

export type ModeResult = {
  model: IntentModel;
  trainingWallS: number;
  trainingCpuS: number;
  sizeBytes: number;
  /** Test intents the model never saw (they can only be errors). */
  unknownIntents: string[];
  accuracy: number;
  macroF1: number;
  ece: number;
  /** In-scope rows answered correctly with confidence ≥ threshold. */
  acceptedAccuracy: number;
  /** Share of out-of-scope rows whose confidence fell below the threshold; null when the test set has none. */
  oosRecall: number | null;
  p50Us: number;
  p99Us: number;
};

/** Training wall and CPU seconds: on a shared machine wall time mostly measures the neighbours. */
export async function timeTraining(train: Trainer, rows: TrainingExample[]) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const model = await train(rows);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    model,
    trainingWallS: (performance.now() - started) / 1000,
    trainingCpuS: (cpu.user + cpu.system) / 1e6,
    sizeBytes: serializeIntentModel(model).length,
  };
}

export async function evaluateMode(
  train: Trainer,
  training: TrainingExample[],
  test: TrainingExample[],
  threshold: number,
): Promise<ModeResult> {
  const trained = await timeTraining(train, training);
  const { model } = trained;

  // Warm up (the JIT, the collector clearing training garbage, a mode's lazy loading) before timing, on texts that
  // differ from the timed ones so a cache of recent texts cannot serve the timed calls: steady-state latency.
  for (const r of test.slice(0, WARMUP_ROWS)) await classifyRouterText(model, `${r.text} thanks`);
  const latenciesUs: number[] = [];
  const predictions: ScoredPrediction[] = [];
  for (const r of test) {
    const t0 = performance.now();
    const prediction = await classifyRouterText(model, r.text);
    latenciesUs.push((performance.now() - t0) * 1000);
    predictions.push({ actual: r.intent, predicted: prediction.intent, confidence: prediction.confidence });
  }

  const inScope = predictions.filter((p) => p.actual !== OOS);
  const outOfScope = predictions.filter((p) => p.actual === OOS);
  const share = (n: number, d: number) => (d === 0 ? NaN : n / d);
  const correct = inScope.filter((p) => p.predicted === p.actual);
  return {
    ...trained,
    unknownIntents: [...new Set(inScope.filter((p) => !model.intents.includes(p.actual)).map((p) => p.actual))],
    accuracy: share(correct.length, inScope.length),
    macroF1: macroF1(inScope, model.intents),
    ece: expectedCalibrationError(inScope),
    acceptedAccuracy: share(correct.filter((p) => p.confidence >= threshold).length, inScope.length),
    oosRecall:
      outOfScope.length === 0
        ? null
        : share(outOfScope.filter((p) => p.confidence < threshold).length, outOfScope.length),
    p50Us: quantile(latenciesUs, 0.5),
    p99Us: quantile(latenciesUs, 0.99),
  };
}
