// Deterministic JSON (sorted keys) so an audit entry hashes the same wherever it is recomputed. It mirrors what
// JSON.stringify stores in the jsonb columns (toJSON honoured, functions and symbols dropped), so hashing the value
// written and hashing the value read back give the same text.
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined || typeof value === "function" || typeof value === "symbol") return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  if (typeof (value as { toJSON?: unknown }).toJSON === "function")
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && typeof v !== "function" && typeof v !== "symbol")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
