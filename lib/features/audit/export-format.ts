// How audit entries are written out for download. Every stored field is included, prevHash and hash too, so an
// export can be checked offline (each row's hash = sha256(prevHash + canonical JSON of its fields), see chain-check).
import Papa from "papaparse";
import type { HashedAuditFields } from "@/lib/platform/audit/chain-check";

export type ExportFormat = "csv" | "json";

export type ExportableEntry = HashedAuditFields & { id: bigint | string; prevHash: string; hash: string };

export const CSV_COLUMNS = [
  "id",
  "at",
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "resourceType",
  "resourceId",
  "before",
  "after",
  "metadata",
  "prevHash",
  "hash",
] as const;

/** Plain JSON for one entry (bigint id as a string, the time in ISO 8601, JSON columns as they are). */
export function exportRecord(entry: ExportableEntry) {
  return {
    id: entry.id.toString(),
    workspaceId: entry.workspaceId,
    at: entry.at.toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    metadata: entry.metadata ?? null,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

// A spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return) as a formula; such cells get a
// leading apostrophe. papaparse's own default pattern misses values with a line break, hence this one.
const FORMULA = /^[=+\-@\t\r]/;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** CSV lines (CRLF-terminated) for a batch of entries; the header only when asked, for the first batch. */
export function csvChunk(entries: ExportableEntry[], withHeader: boolean): string {
  const data = entries.map((entry) => {
    const record = exportRecord(entry);
    return CSV_COLUMNS.map((column) => csvCell(record[column]));
  });
  if (data.length === 0) return withHeader ? `${CSV_COLUMNS.join(",")}\r\n` : "";
  const text = Papa.unparse(
    { fields: [...CSV_COLUMNS], data },
    { header: withHeader, newline: "\r\n", escapeFormulae: FORMULA, quotes: false },
  );
  return `${text}\r\n`;
}

/** A JSON array written in pieces: the opening, each batch (comma-separated), the closing. */
export function jsonChunk(entries: ExportableEntry[], first: boolean): string {
  return entries.map((entry, i) => `${first && i === 0 ? "" : ",\n"}  ${JSON.stringify(exportRecord(entry))}`).join("");
}

export function exportFileName(format: ExportFormat, now: Date): string {
  return `audit-${now.toISOString().slice(0, 19).replace(/[:T]/g, "-")}.${format}`;
}
