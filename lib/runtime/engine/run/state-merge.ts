// Each node attempt works on a copy of the state, so a failed attempt leaves nothing behind. Nodes of a parallel
// wave run at once on their own copies; their changes are merged back path by path, so branch A writing
// tools.a and branch B writing tools.b both survive.
type Json = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Json => !!value && typeof value === "object" && !Array.isArray(value);

const isRecord = (value: unknown): value is Json => {
  if (!value || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * Equal as JSON values: keys in any order, a key holding undefined the same as a missing one. Walked rather than
 * compared as JSON text: every node's merge and trace diff compare the whole state, level by level, and
 * stringifying each subtree again at each level cost more CPU per turn than the node itself. Anything but arrays and
 * plain objects (a Date) is compared as JSON sees it.
 */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
    return true;
  }
  if (isRecord(a) && isRecord(b)) {
    let keys = 0;
    for (const key in a) {
      if (a[key] === undefined) continue;
      keys++;
      if (!equal(a[key], b[key])) return false;
    }
    for (const key in b) if (b[key] !== undefined) keys--;
    return keys === 0;
  }
  if (Array.isArray(b) || isRecord(a) || isRecord(b)) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Applies to `target` whatever changed between `before` and `after`. */
export function mergeChanges(target: Json, before: Json, after: Json): void {
  for (const key of Object.keys(after)) {
    const was = before[key];
    const now = after[key];
    if (equal(was, now)) continue;
    if (isPlainObject(was) && isPlainObject(now) && isPlainObject(target[key])) {
      mergeChanges(target[key] as Json, was, now);
    } else {
      target[key] = now;
    }
  }
  for (const key of Object.keys(before)) {
    if (!(key in after)) delete target[key];
  }
}

/**
 * A deep copy of the state. The state is JSON data (stored as jsonb), so arrays and plain objects are copied here and
 * only anything else (a Date) goes through structuredClone: every node copies the state twice, and structuredClone's
 * serialization of the whole state was the largest single cost of a node in the web process's profile.
 */
export const cloneState = (state: Json): Json => copyJson(state) as Json;

function copyJson(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = copyJson(item);
  return copy;
}

export type StateChange = { path: string; before?: unknown; after?: unknown };

/**
 * What a node changed in the state, path by path (nested objects up to `depth` levels), for the trace: each step
 * shows what it learned and what it passed on.
 */
export function diffState(before: Json, after: Json, depth = 3, prefix = ""): StateChange[] {
  const changes: StateChange[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[key];
    const now = after[key];
    if (equal(was, now)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (depth > 1 && isPlainObject(was) && isPlainObject(now)) changes.push(...diffState(was, now, depth - 1, path));
    else
      changes.push({
        path,
        ...(was === undefined ? {} : { before: was }),
        ...(now === undefined ? {} : { after: now }),
      });
  }
  return changes;
}
