// bench:routing's command line, checked before any training starts.
import { parseArgs } from "node:util";
import type { Hyper } from "@/lib/runtime/routing/intent-hyperparameters";
import type { DatasetName, RowSource } from "./datasets";
import type { RouterMode } from "@/lib/runtime/routing/router-model";

const DATASETS: readonly DatasetName[] = ["banking77", "clinc150"];
const MODES = { fast: ["fast"], semantic: ["semantic"], both: ["fast", "semantic"] } as const;
/** The split seed of every --shots run, so each sample is scored on the rows the full-data run is scored on. */
const SHOTS_SPLIT_SEED = 42;

export type BenchOptions = {
  rows: RowSource;
  modes: readonly RouterMode[];
  threshold: number;
  /** Seeds training and the --shots sample. */
  seed: number;
  /** Seeds the BANKING77 80/20 split (and, plus one, the --tune slice). */
  splitSeed: number;
  shots: number | null;
  tune: boolean;
  hyper: Partial<Hyper> | null;
  trainAll: boolean;
};

function integer(flag: string, value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
    throw new Error(`--${flag} must be an integer, got ${value}`);
  return n;
}

export function parseBenchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      dataset: { type: "string" },
      train: { type: "string" },
      test: { type: "string" },
      mode: { type: "string", default: "fast" },
      shots: { type: "string" },
      threshold: { type: "string", default: "0.5" },
      seed: { type: "string", default: "42" },
      "split-seed": { type: "string" },
      tune: { type: "boolean", default: false },
      hyper: { type: "string" },
      "train-all": { type: "boolean", default: false },
    },
  });
  const threshold = Number(values.threshold);
  if (!(threshold >= 0 && threshold <= 1))
    throw new Error(`--threshold must be between 0 and 1, got ${values.threshold}`);
  const seed = integer("seed", values.seed!);
  const shots = values.shots === undefined ? null : integer("shots", values.shots);
  if (shots !== null && shots < 1) throw new Error(`--shots must be at least 1, got ${shots}`);
  const splitSeed =
    values["split-seed"] !== undefined
      ? integer("split-seed", values["split-seed"])
      : shots !== null
        ? SHOTS_SPLIT_SEED
        : seed;
  if (!Object.hasOwn(MODES, values.mode!)) throw new Error(`--mode must be fast, semantic or both, got ${values.mode}`);
  const modes = MODES[values.mode as keyof typeof MODES];

  if (values.dataset !== undefined && !DATASETS.includes(values.dataset as DatasetName))
    throw new Error(`--dataset must be ${DATASETS.join(" or ")}, got ${values.dataset}`);
  if (values.dataset !== undefined && values.train !== undefined)
    throw new Error("Give --dataset or --train/--test, not both");
  if (values.test && !values.train) throw new Error("--test needs --train");
  if (values.train && !values.test && !values.tune && !values["train-all"])
    throw new Error("Give both --train and --test, or neither (or --train with --tune or --train-all)");
  const rows: RowSource = values.train
    ? { train: values.train, test: values.test }
    : { dataset: (values.dataset as DatasetName | undefined) ?? "banking77" };

  const hyper = values.hyper === undefined ? null : (JSON.parse(values.hyper) as Partial<Hyper>);
  // The overrides are the fast classifier's hyperparameters; the semantic mode has its own training.
  if (hyper && modes.some((m) => m !== "fast")) throw new Error("--hyper applies to --mode fast only");
  return { rows, modes, threshold, seed, splitSeed, shots, tune: values.tune!, hyper, trainAll: values["train-all"]! };
}
