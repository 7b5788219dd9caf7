// The bench's quality figures over scored predictions, kept apart from the printing so they can be checked by hand.

export type ScoredPrediction = { actual: string; predicted: string; confidence: number };

/** Equal-width confidence bins of the calibration error: [0, 0.1), [0.1, 0.2), … [0.9, 1]. */
export const ECE_BINS = 10;

/** Unweighted mean over `intents` of each intent's F1 (top-1): rare intents count as much as common ones. */
export function macroF1(pairs: readonly Omit<ScoredPrediction, "confidence">[], intents: readonly string[]): number {
  if (intents.length === 0) return 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const add = (counts: Map<string, number>, intent: string) => counts.set(intent, (counts.get(intent) ?? 0) + 1);
  for (const p of pairs) {
    if (p.predicted === p.actual) add(tp, p.actual);
    else {
      add(fp, p.predicted);
      add(fn, p.actual);
    }
  }
  const f1 = (intent: string) => {
    const t = tp.get(intent) ?? 0;
    return t === 0 ? 0 : (2 * t) / (2 * t + (fp.get(intent) ?? 0) + (fn.get(intent) ?? 0));
  };
  return intents.reduce((sum, intent) => sum + f1(intent), 0) / intents.length;
}

/**
 * Expected calibration error of the top-1 prediction: per equal-width confidence bin, |mean confidence − accuracy|,
 * weighted by the bin's share of the predictions. 0 means "a confidence of 0.8 is right 80% of the time" throughout.
 */
export function expectedCalibrationError(pairs: readonly ScoredPrediction[]): number {
  const bins = Array.from({ length: ECE_BINS }, () => ({ confidence: 0, correct: 0 }));
  for (const p of pairs) {
    const bin = bins[Math.min(ECE_BINS - 1, Math.floor(p.confidence * ECE_BINS))];
    bin.confidence += p.confidence;
    bin.correct += p.predicted === p.actual ? 1 : 0;
  }
  // Σ_b (n_b / N)·|conf_b/n_b − correct_b/n_b| = Σ_b |conf_b − correct_b| / N
  return bins.reduce((sum, b) => sum + Math.abs(b.confidence - b.correct), 0) / Math.max(1, pairs.length);
}
