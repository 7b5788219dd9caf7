/**
 * Converts CLINC150 (oos-eval "data_full" splits) to the `text,category` CSVs that bench/routing.ts reads.
 *
 *   npx tsx bench/clinc-to-csv.ts [--source <dir>] [--out <dir>]
 *
 * Out-of-scope rows keep the category `oos`; the bench leaves them out of training and scores them
 * as out-of-scope recall. Both CSVs include them (train: oos_train, val: oos_val).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Papa from "papaparse";

const { values } = parseArgs({
  options: {
    source: { type: "string", default: "/work/shared/datasets/clinc150" },
    out: { type: "string", default: "bench/out" },
  },
});
const source = values.source!;
const out = values.out!;

function readSplit(file: string): [string, string][] {
  const rows: unknown = JSON.parse(readFileSync(join(source, file), "utf8"));
  const valid =
    Array.isArray(rows) &&
    rows.every((r) => Array.isArray(r) && r.length === 2 && typeof r[0] === "string" && typeof r[1] === "string");
  if (!valid) throw new Error(`${file}: expected an array of [text, intent] pairs`);
  return rows as [string, string][];
}

function writeCsv(file: string, rows: [string, string][]): void {
  const csv = Papa.unparse({ fields: ["text", "category"], data: rows }, { newline: "\n" });
  writeFileSync(join(out, file), `${csv}\n`);
  console.log(`${join(out, file)}: ${rows.length} rows`);
}

mkdirSync(out, { recursive: true });
writeCsv("clinc_train.csv", [...readSplit("train.json"), ...readSplit("oos_train.json")]);
writeCsv("clinc_val.csv", [...readSplit("val.json"), ...readSplit("oos_val.json")]);
