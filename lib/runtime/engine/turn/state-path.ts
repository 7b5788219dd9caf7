// Dotted paths into the conversation state ("order.number", "tools.lookup.status"), shared by the node executors
// and the tool gate.
type Json = Record<string, unknown>;

export function setPath(target: Json, path: string, value: unknown) {
  const parts = path.split(".");
  let cursor = target;
  for (const part of parts.slice(0, -1)) {
    const next = cursor[part];
    cursor = (cursor[part] = next && typeof next === "object" && !Array.isArray(next) ? next : {}) as Json;
  }
  cursor[parts[parts.length - 1]] = value;
}

export function getPath(source: Json, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Json)[key] : undefined), source);
}
