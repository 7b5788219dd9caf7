import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import type { LabelledText } from "./banking-flow";

/** The bundled BANKING77 training split (data/banking77, CC BY 4.0). */
export function readBanking77(file = path.join(process.cwd(), "data", "banking77", "train.csv")): LabelledText[] {
  const parsed = Papa.parse<{ text: string; category: string }>(readFileSync(file, "utf8"), {
    header: true,
    skipEmptyLines: true,
  });
  if (parsed.errors.length) throw new Error(`${file}: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
  return parsed.data.map((row) => ({ text: row.text.trim(), category: row.category.trim() })).filter((row) => row.text);
}
