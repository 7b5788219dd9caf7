// Which rows the bench trains on and scores: BANKING77's seeded 80/20 split, CLINC150's train and validation splits,
// or two CSVs; with --tune, a validation slice of the training rows instead (the test rows are then not read).
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import type { TrainingExample } from "@/lib/runtime/routing/train-intent-classifier";
import { CLINC150_DIR, loadClinc150 } from "./clinc150";
import { sampleShots, stratifiedSplit } from "./sampling";

export const OOS = "oos";
export const BANKING77_CSV = "data/banking77/train.csv";
const TEST_FRACTION = 0.2;

export type DatasetName = "banking77" | "clinc150";
export type RowSource = { dataset: DatasetName } | { train: string; test?: string };
export type LoadedRows = { train: TrainingExample[]; test: TrainingExample[]; source: string };

/** A CSV with columns text,category. */
export function readCsv(path: string): TrainingExample[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, "utf8"), {
    header: true,
    skipEmptyLines: "greedy",
  });
  if (parsed.errors.length > 0) throw new Error(`${path}: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
  if (!parsed.meta.fields?.includes("text") || !parsed.meta.fields.includes("category"))
    throw new Error(`${path}: expected columns text,category`);
  return parsed.data.map((r) => ({ text: r.text.trim(), intent: r.category.trim() }));
}

function loadOuter(from: RowSource, tune: boolean, splitSeed: number): LoadedRows {
  if ("train" in from) {
    const test = tune || !from.test ? [] : readCsv(from.test);
    return { train: readCsv(from.train), test, source: `${from.train} → ${from.test ?? "(none)"}` };
  }
  if (from.dataset === "clinc150")
    return {
      ...loadClinc150(),
      source: `${CLINC150_DIR}: train.json → val.json + oos_val.json (oos_train.json never trains)`,
    };
  return {
    ...stratifiedSplit(readCsv(BANKING77_CSV), TEST_FRACTION, splitSeed),
    source: `${BANKING77_CSV}, ${100 * TEST_FRACTION}% held out per intent (split seed ${splitSeed})`,
  };
}

/** Every training row of the source (all of a CSV or of BANKING77's file; CLINC150's train and oos_train). */
export function allTrainingRows(from: RowSource): { name: string; rows: TrainingExample[] } {
  if ("train" in from) return { name: from.train, rows: readCsv(from.train) };
  if (from.dataset === "clinc150") return { name: CLINC150_DIR, rows: loadClinc150().train };
  return { name: BANKING77_CSV, rows: readCsv(BANKING77_CSV) };
}

export function loadRows(from: RowSource, { tune, splitSeed }: { tune: boolean; splitSeed: number }): LoadedRows {
  const outer = loadOuter(from, tune, splitSeed);
  if (!tune) return outer;
  // Tuning: the test rows are dropped unread; a validation slice is carved from the training rows, and the training
  // file's oos rows (if any) are scored as out-of-scope.
  const inner = stratifiedSplit(
    outer.train.filter((r) => r.intent !== OOS),
    TEST_FRACTION,
    splitSeed + 1,
  );
  const name = "train" in from ? from.train : from.dataset;
  return {
    train: inner.train,
    test: [...inner.test, ...outer.train.filter((r) => r.intent === OOS)],
    source: `TUNING: ${100 * TEST_FRACTION}% validation slice of the training rows of ${name} (seed ${splitSeed + 1})`,
  };
}

/** The rows that train (never `oos` ones), sampled down to `shots` per intent if asked, and how the report says so. */
export function trainingRows(
  rows: readonly TrainingExample[],
  shots: number | null,
  seed: number,
): { rows: TrainingExample[]; note: string } {
  const inScope = rows.filter((r) => r.intent !== OOS);
  if (shots === null) return { rows: inScope, note: "" };
  return {
    rows: sampleShots(inScope, shots, seed),
    note: `; trained on ${shots} rows per intent sampled from the training rows (seed ${seed})`,
  };
}
