// The .flow.json export/import format: the persisted graph wrapped with its name, read back through the same
// zod schema. Parsing checks structure only; the designer shows semantic issues (validate-flow.ts) after import.
import { z } from "zod";
import { NODE_KINDS } from "./registry";
import { flowGraphSchema, type FlowGraph } from "./schema";

const FORMAT = "switchboard.flow";
const FORMAT_VERSION = 1;

export type FlowFile = {
  format: "switchboard.flow";
  formatVersion: 1;
  name: string;
  slug: string;
  description: string;
  graph: FlowGraph;
};
type FileError = { path: string; message: string };

const flowFileBody = z.object({
  name: z.string(),
  slug: z.string(),
  description: z.string().default(""),
  graph: flowGraphSchema,
});

export function toFlowFile(flow: { name: string; slug: string; description: string; graph: FlowGraph }): FlowFile {
  return {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    name: flow.name,
    slug: flow.slug,
    description: flow.description,
    graph: flow.graph,
  };
}

export function parseFlowFile(text: string): { ok: true; file: FlowFile } | { ok: false; errors: FileError[] } {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, errors: [json.error] };
  const headerError = checkHeader(json.value);
  if (headerError) return { ok: false, errors: [headerError] };
  const body = flowFileBody.safeParse(json.value);
  if (!body.success) return { ok: false, errors: body.error.issues.map((issue) => describeIssue(issue, json.value)) };
  return { ok: true, file: { format: FORMAT, formatVersion: FORMAT_VERSION, ...body.data } };
}

function checkHeader(value: unknown): FileError | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { path: "", message: "This is not a Switchboard flow file: expected a JSON object." };
  }
  const header = value as Record<string, unknown>;
  if (header.format !== FORMAT) {
    return {
      path: "format",
      message: `This is not a Switchboard flow file: "format" must be "${FORMAT}"${header.format === undefined ? " and is missing" : `, not ${JSON.stringify(header.format)}`}.`,
    };
  }
  if (header.formatVersion === FORMAT_VERSION) return null;
  const version = header.formatVersion;
  const message =
    typeof version === "number" && version > FORMAT_VERSION
      ? `This file was exported by a newer Switchboard (format version ${version}); this one reads version ${FORMAT_VERSION}.`
      : `Unknown format version ${JSON.stringify(version) ?? "(missing)"}; this Switchboard reads version ${FORMAT_VERSION}.`;
  return { path: "formatVersion", message };
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): FileError {
  const path = formatPath(issue.path);
  if (issue.code === "invalid_union" && issue.path.at(-1) === "kind") {
    const found = JSON.stringify(valueAt(root, issue.path)) ?? "nothing";
    return { path, message: `Unknown node kind ${found}; expected one of ${Object.keys(NODE_KINDS).join(", ")}.` };
  }
  return { path, message: issue.message };
}

/** `graph.nodes[3].config.routes[0].label`: the way the file's reader would point at it. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    "",
  );
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    root,
  );
}

// ---- JSON with a line and column for the first syntax error (V8's messages do not always carry a position)

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: FileError } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? cleanReason(error.message) : "invalid JSON";
    const offset = syntaxErrorOffset(text);
    const where = offset === null ? "" : ` at ${lineAndColumn(text, offset)}`;
    return { ok: false, error: { path: "", message: `The file is not valid JSON${where}: ${reason}.` } };
  }
}

function cleanReason(message: string): string {
  return (
    message
      .replace(/ in JSON at position \d+.*$/s, "")
      // V8 quotes the surrounding text, sometimes clipped with "...": the line and column say it better.
      .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, "")
      .replace(/\s*\(line \d+ column \d+\)/, "")
  );
}

function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** Walks the JSON grammar to the first character that breaks it; null if the text is too deeply nested to walk. */
function syntaxErrorOffset(text: string): number | null {
  const scanner = new JsonScanner(text);
  try {
    scanner.document();
    return text.length;
  } catch (stop) {
    if (stop instanceof RangeError) return null;
    return scanner.at;
  }
}

class JsonScanner {
  at = 0;
  constructor(private readonly text: string) {}

  document() {
    this.value();
    this.space();
    if (this.at < this.text.length) this.fail();
  }

  private value() {
    this.space();
    const char = this.text[this.at];
    if (char === "{") return this.object();
    if (char === "[") return this.array();
    if (char === '"') return this.string();
    if (char === "-" || (char >= "0" && char <= "9")) return this.number();
    const word = ["true", "false", "null"].find((literal) => this.text.startsWith(literal, this.at));
    if (!word) this.fail();
    this.at += word.length;
  }

  private object() {
    this.at++;
    this.space();
    if (this.text[this.at] === "}") return void this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') this.fail();
      this.string();
      this.space();
      this.expect(":");
      this.value();
      if (this.separator("}")) return;
    }
  }

  private array() {
    this.at++;
    this.space();
    if (this.text[this.at] === "]") return void this.at++;
    for (;;) {
      this.value();
      if (this.separator("]")) return;
    }
  }

  /** After an item: true at the closing bracket, false after a comma. */
  private separator(close: string): boolean {
    this.space();
    const char = this.text[this.at];
    if (char !== "," && char !== close) this.fail();
    this.at++;
    return char === close;
  }

  private string() {
    this.at++;
    while (this.at < this.text.length) {
      const char = this.text[this.at];
      if (char === '"') return void this.at++;
      if (char < " ") this.fail();
      if (char === "\\") this.escape();
      else this.at++;
    }
    this.fail();
  }

  private escape() {
    const next = this.text[this.at + 1];
    if (next !== undefined && '"\\/bfnrt'.includes(next)) return void (this.at += 2);
    if (next === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) return void (this.at += 6);
    this.fail();
  }

  private number() {
    const pattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    pattern.lastIndex = this.at;
    if (!pattern.test(this.text)) this.fail();
    this.at = pattern.lastIndex;
  }

  private space() {
    while (this.at < this.text.length && " \t\n\r".includes(this.text[this.at])) this.at++;
  }

  private expect(char: string) {
    if (this.text[this.at] !== char) this.fail();
    this.at++;
  }

  private fail(): never {
    throw new SyntaxError(`JSON breaks at ${this.at}`);
  }
}
