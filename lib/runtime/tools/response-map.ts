// `responseMap` of an HTTP tool: what part of the (JSON) response becomes the tool's result. Pure.
//
// Grammar (one of):
//   - empty                      → the whole response
//   - a single path              → that value, e.g. `data.order`, `items[0].status`, `$.data["order-id"]`
//   - lines of `field: path`     → an object with those fields, e.g.
//                                      status: data.order.status
//                                      eta: data.order.shipping.eta
//     (blank lines and lines starting with # are ignored; up to 50 fields)
// A path is an optional `$` root, then segments: `.name` (letters, digits, _ $ -), `.0` or `[0]` (array index),
// or `["any key"]` / `['any key']`. A missing value maps to null and is reported in `missing`.

export type PathSegment = string | number;
export type ResponseMap =
  | { kind: "whole" }
  | { kind: "path"; source: string; path: PathSegment[] }
  | { kind: "fields"; fields: { name: string; source: string; path: PathSegment[] }[] };

const MAX_FIELDS = 50;

/** Parses a path like `data.items[0]["x-y"]`; throws Error with a readable message. */
export function parsePath(source: string): PathSegment[] {
  const text = source.trim();
  if (!text) throw new Error("the path is empty");
  const segments: PathSegment[] = [];
  let i = 0;
  if (text[0] === "$") {
    i = 1;
  }
  let first = i === 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "[") {
      const close = text.indexOf("]", i);
      if (close < 0) throw new Error(`"${source}": missing ]`);
      const inner = text.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else if (/^"[^"]*"$|^'[^']*'$/.test(inner)) segments.push(inner.slice(1, -1));
      else throw new Error(`"${source}": use [0] or ["key"] inside brackets`);
      i = close + 1;
    } else {
      if (!first) {
        if (ch !== ".") throw new Error(`"${source}": unexpected "${ch}"`);
        i++;
      }
      const match = /^[A-Za-z0-9_$-]+/.exec(text.slice(i));
      if (!match) throw new Error(`"${source}": expected a name after "."`);
      segments.push(/^\d+$/.test(match[0]) ? Number(match[0]) : match[0]);
      i += match[0].length;
    }
    first = false;
  }
  return segments;
}

export function parseResponseMap(text: string): { ok: true; map: ResponseMap } | { ok: false; error: string } {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  if (lines.length === 0) return { ok: true, map: { kind: "whole" } };
  try {
    if (lines.length === 1 && !/^[A-Za-z_][A-Za-z0-9_]*\s*:/.test(lines[0])) {
      return { ok: true, map: { kind: "path", source: lines[0], path: parsePath(lines[0]) } };
    }
    if (lines.length > MAX_FIELDS) return { ok: false, error: `Map at most ${MAX_FIELDS} fields.` };
    const fields: { name: string; source: string; path: PathSegment[] }[] = [];
    for (const line of lines) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.+)$/.exec(line);
      if (!match) return { ok: false, error: `Line "${line}" should look like "field: path.to.value".` };
      if (fields.some((f) => f.name === match[1])) return { ok: false, error: `Field "${match[1]}" appears twice.` };
      fields.push({ name: match[1], source: match[2].trim(), path: parsePath(match[2]) });
    }
    return { ok: true, map: { kind: "fields", fields } };
  } catch (error) {
    return { ok: false, error: `Invalid response path ${(error as Error).message}.` };
  }
}

function get(value: unknown, path: PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || current === undefined) return undefined;
    if (typeof segment === "number") {
      if (!Array.isArray(current)) {
        if (typeof current === "object" && String(segment) in (current as object)) {
          current = (current as Record<string, unknown>)[String(segment)];
          continue;
        }
        return undefined;
      }
      current = current[segment];
    } else {
      if (typeof current !== "object" || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

export function applyResponseMap(map: ResponseMap, value: unknown): { value: unknown; missing: string[] } {
  if (map.kind === "whole") return { value, missing: [] };
  if (map.kind === "path") {
    const found = get(value, map.path);
    return found === undefined ? { value: null, missing: [map.source] } : { value: found, missing: [] };
  }
  const out: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const field of map.fields) {
    const found = get(value, field.path);
    if (found === undefined) missing.push(field.source);
    out[field.name] = found === undefined ? null : found;
  }
  return { value: out, missing };
}
