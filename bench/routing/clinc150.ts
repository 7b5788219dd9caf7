// CLINC150 as the bench reads it, straight from the JSON splits in data/clinc150 (see its ATTRIBUTION.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TrainingExample } from "@/lib/runtime/routing/train-intent-classifier";

export const CLINC150_DIR = "data/clinc150";

/** One split file: an array of [text, intent] pairs (out-of-scope rows have the intent `oos`). */
export function readClincSplit(dir: string, file: string): TrainingExample[] {
  const path = join(dir, file);
  const rows: unknown = JSON.parse(readFileSync(path, "utf8"));
  const valid =
    Array.isArray(rows) &&
    rows.every((r) => Array.isArray(r) && r.length === 2 && typeof r[0] === "string" && typeof r[1] === "string");
  if (!valid) throw new Error(`${path}: expected an array of [text, intent] pairs`);
  return (rows as [string, string][]).map(([text, intent]) => ({ text: text.trim(), intent: intent.trim() }));
}

/**
 * Training rows: train + oos_train (the bench never trains on `oos` rows; --tune scores them). Test rows: val +
 * oos_val, the public validation splits; the official test splits are not in the repository.
 */
export function loadClinc150(dir = CLINC150_DIR): { train: TrainingExample[]; test: TrainingExample[] } {
  return {
    train: [...readClincSplit(dir, "train.json"), ...readClincSplit(dir, "oos_train.json")],
    test: [...readClincSplit(dir, "val.json"), ...readClincSplit(dir, "oos_val.json")],
  };
}
