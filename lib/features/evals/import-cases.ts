// Importing test cases from a file. Parsing is pure (shared by the server action and the unit tests); saving is
// `importCases` in suites.ts. Any bad row rejects the whole file, and every problem is reported with its row so it
// can be fixed in one pass.
//
// JSON: an array of { "name": string, "turns": string[], "expectations": CaseExpectations, "customerRef"?: string }
// (the shape the suite's "export" would produce), e.g. [{ "name": "Order status", "turns": ["where is my order A1002"],
//   "expectations": { "routes": ["order_status"], "toolsCalled": ["lookup_order"], "replyContains": ["A1002"] } }]
//
// CSV: a header row, then one case per row. Columns (only name and turns are required; order does not matter):
//   name                 the case's name, unique in the suite
//   turns                the customer's messages, in order, separated by " || " or by line breaks inside the cell
//   route                the expected route per turn, separated like turns; "*" or an empty entry means any route
//   tools_called         tools that must be called        } lists separated by " || ", line breaks or commas
//   tools_not_called     tools that must not be called    }
//   escalated            true/false (also yes/no, 1/0); empty = not checked
//   final_status         active | escalated | resolved | abandoned | failed; empty = not checked
//   reply_contains       texts some agent reply must contain (case-insensitive), separated by " || " or line breaks
//   reply_not_contains   texts no agent reply may contain, separated the same way
//   exact_wording_turns  turn numbers (1-based) whose reply must pass the exact-wording check, e.g. "1, 3"
//   guardrails_triggered guardrail policy names that must fire, separated like tools
//   customer             the customer ref (e.g. C-1001) the case runs as, verified; empty = an anonymous visitor
// Rows are numbered as in a spreadsheet: the header is row 1, the first case row 2.
import Papa from "papaparse";
import { z } from "zod";
import {
  caseCustomerRefSchema,
  caseExpectationsSchema,
  caseTurnsSchema,
  type CaseExpectations,
} from "@/lib/features/evals/expectations";

export type ImportFormat = "csv" | "json";
export type ImportedCase = {
  name: string;
  turns: string[];
  expectations: CaseExpectations;
  customerRef: string | null;
};
export type ImportError = { row: number; message: string };
export type ImportParseResult = { ok: true; cases: ImportedCase[] } | { ok: false; errors: ImportError[] };

export const MAX_IMPORT_BYTES = 1_000_000;
export const CSV_COLUMNS = [
  "name",
  "turns",
  "route",
  "tools_called",
  "tools_not_called",
  "escalated",
  "final_status",
  "reply_contains",
  "reply_not_contains",
  "exact_wording_turns",
  "guardrails_triggered",
  "customer",
] as const;
const REQUIRED_COLUMNS = ["name", "turns"] as const;

const caseSchema = z.object({
  name: z.string().trim().min(1, "name is empty").max(120, "name is longer than 120 characters"),
  turns: caseTurnsSchema,
  expectations: caseExpectationsSchema,
  customerRef: caseCustomerRefSchema,
});

/** From the file name first, then the content (a JSON array starts with "["). */
export function detectFormat(fileName: string, text: string): ImportFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".csv")) return "csv";
  return text.trimStart().startsWith("[") ? "json" : "csv";
}

export function parseCasesFile(text: string, format: ImportFormat): ImportParseResult {
  const body = text.replace(/^\uFEFF/, "");
  if (!body.trim()) return fail(1, "The file is empty.");
  if (body.length > MAX_IMPORT_BYTES) return fail(1, `The file is larger than ${MAX_IMPORT_BYTES / 1_000_000} MB.`);
  const parsed = format === "json" ? parseJson(body) : parseCsv(body);
  if (!parsed.ok) return parsed;
  const duplicates = duplicateNames(parsed.rows);
  return duplicates.length ? { ok: false, errors: duplicates } : { ok: true, cases: parsed.rows.map((r) => r.value) };
}

type Rows = { ok: true; rows: { row: number; value: ImportedCase }[] } | { ok: false; errors: ImportError[] };

function fail(row: number, message: string): { ok: false; errors: ImportError[] } {
  return { ok: false, errors: [{ row, message }] };
}

function validate(
  row: number,
  candidate: unknown,
  errors: ImportError[],
  rows: { row: number; value: ImportedCase }[],
) {
  const result = caseSchema.safeParse(candidate);
  if (result.success) {
    rows.push({ row, value: result.data as ImportedCase });
    return;
  }
  for (const issue of result.error.issues) {
    const path = issue.path
      .map((p) => (typeof p === "number" ? `[${p + 1}]` : `.${String(p)}`))
      .join("")
      .replace(/^\./, "");
    errors.push({ row, message: path ? `${path}: ${issue.message}` : issue.message });
  }
}

function parseJson(text: string): Rows {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(1, `Not valid JSON (${error instanceof Error ? error.message : "parse error"}).`);
  }
  if (!Array.isArray(data)) return fail(1, 'Expected a JSON array of cases: [{ "name", "turns", "expectations" }, …].');
  if (data.length === 0) return fail(1, "The file has no cases.");
  const errors: ImportError[] = [];
  const rows: { row: number; value: ImportedCase }[] = [];
  data.forEach((item, i) => {
    const candidate =
      item && typeof item === "object" && !Array.isArray(item) ? { expectations: {}, ...(item as object) } : item;
    validate(i + 1, candidate, errors, rows);
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

const LIST_SPLIT = /\s*\|\|\s*|\r?\n/;
const TOOL_SPLIT = /\s*\|\|\s*|\r?\n|,/;

function list(cell: string | undefined, split = LIST_SPLIT): string[] {
  return (cell ?? "")
    .split(split)
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseCsv(text: string): Rows {
  const result = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const errors: ImportError[] = [];
  const fields = result.meta.fields ?? [];
  const unknown = fields.filter((f) => !(CSV_COLUMNS as readonly string[]).includes(f));
  if (unknown.length)
    errors.push({
      row: 1,
      message: `Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Columns: ${CSV_COLUMNS.join(", ")}.`,
    });
  const missing = REQUIRED_COLUMNS.filter((c) => !fields.includes(c));
  if (missing.length)
    errors.push({ row: 1, message: `Missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}.` });
  if (errors.length) return { ok: false, errors };
  if (result.data.length === 0) return fail(1, "The file has a header but no cases.");
  for (const e of result.errors) {
    // Papa's row index counts data rows from 0; +2 makes it the spreadsheet row (the header is row 1).
    if (e.code !== "UndetectableDelimiter") errors.push({ row: (e.row ?? 0) + 2, message: e.message });
  }

  const rows: { row: number; value: ImportedCase }[] = [];
  result.data.forEach((record, i) => {
    const row = i + 2;
    const converted = caseFromColumns(record);
    if (converted.errors.length) errors.push(...converted.errors.map((message) => ({ row, message })));
    else
      validate(
        row,
        {
          name: record.name ?? "",
          turns: converted.turns,
          expectations: converted.expectations,
          customerRef: record.customer,
        },
        errors,
        rows,
      );
  });
  return errors.length ? { ok: false, errors: errors.sort((a, b) => a.row - b.row) } : { ok: true, rows };
}

export type CaseColumns = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

/**
 * One CSV row (or the case form's fields, which use the same columns) as turns and expectations, before schema
 * validation. Only what the columns can get wrong on their own (route count, escalated, turn numbers) is reported.
 */
export function caseFromColumns(record: CaseColumns): {
  turns: string[];
  expectations: Record<string, unknown>;
  errors: string[];
} {
  const errors: string[] = [];
  const turns = list(record.turns);
  const expectations: Record<string, unknown> = {};

  // An empty entry between separators ("a ||  || b") means any route, like "*".
  const route = (record.route ?? "").trim();
  if (route) {
    const perTurn = route
      .split(LIST_SPLIT)
      .map((r) => r.trim())
      .map((r) => (r === "" || r === "*" ? null : r));
    if (perTurn.length > turns.length) errors.push(`route: ${perTurn.length} routes for ${turns.length} turns.`);
    if (perTurn.some((r) => r !== null)) expectations.routes = perTurn;
  }

  const toolsCalled = list(record.tools_called, TOOL_SPLIT);
  if (toolsCalled.length) expectations.toolsCalled = toolsCalled;
  const toolsNotCalled = list(record.tools_not_called, TOOL_SPLIT);
  if (toolsNotCalled.length) expectations.toolsNotCalled = toolsNotCalled;

  const escalated = (record.escalated ?? "").trim().toLowerCase();
  if (escalated) {
    if (["true", "yes", "y", "1"].includes(escalated)) expectations.escalated = true;
    else if (["false", "no", "n", "0"].includes(escalated)) expectations.escalated = false;
    else errors.push(`escalated: “${record.escalated}” is not true or false.`);
  }

  const finalStatus = (record.final_status ?? "").trim().toLowerCase();
  if (finalStatus) expectations.finalStatus = finalStatus;

  const contains = list(record.reply_contains);
  if (contains.length) expectations.replyContains = contains;
  const notContains = list(record.reply_not_contains);
  if (notContains.length) expectations.replyNotContains = notContains;

  const exact = list(record.exact_wording_turns, TOOL_SPLIT);
  if (exact.length) {
    const numbers = exact.map(Number);
    if (numbers.some((n) => !Number.isInteger(n) || n < 1))
      errors.push(`exact_wording_turns: “${record.exact_wording_turns}” is not a list of turn numbers.`);
    else expectations.exactWordingTurns = numbers;
  }
  const guardrails = list(record.guardrails_triggered, TOOL_SPLIT);
  if (guardrails.length) expectations.guardrailsTriggered = guardrails;

  return { turns, expectations, errors };
}

/** The reverse, for editing a case in the form: lists one entry per line. */
export function columnsFromCase(value: {
  name: string;
  turns: string[];
  expectations: CaseExpectations;
  customerRef?: string | null;
}): Required<CaseColumns> {
  const e = value.expectations;
  const lines = (items: readonly (string | number | null)[] | undefined) =>
    (items ?? []).map((i) => (i === null ? "*" : String(i))).join("\n");
  return {
    name: value.name,
    turns: lines(value.turns),
    route: lines(e.routes),
    tools_called: lines(e.toolsCalled),
    tools_not_called: lines(e.toolsNotCalled),
    escalated: e.escalated === undefined ? "" : e.escalated ? "true" : "false",
    final_status: e.finalStatus ?? "",
    reply_contains: lines(e.replyContains),
    reply_not_contains: lines(e.replyNotContains),
    exact_wording_turns: lines(e.exactWordingTurns),
    guardrails_triggered: lines(e.guardrailsTriggered),
    customer: value.customerRef ?? "",
  };
}

function duplicateNames(rows: { row: number; value: ImportedCase }[]): ImportError[] {
  const first = new Map<string, number>();
  const errors: ImportError[] = [];
  for (const { row, value } of rows) {
    const seen = first.get(value.name);
    if (seen !== undefined) errors.push({ row, message: `name: “${value.name}” is already used in row ${seen}.` });
    else first.set(value.name, row);
  }
  return errors;
}

/** "Row 3: turns: …" lines for people. */
export function describeImportErrors(errors: ImportError[]): string[] {
  return errors.map((e) => `Row ${e.row}: ${e.message}`);
}
