// Each node attempt works on a copy of the state, so a failed attempt leaves nothing behind. Nodes of a parallel
// wave run at once on their own copies; their changes are merged back path by path, so branch A writing
// tools.a and branch B writing tools.b both survive.
type Json = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Json => !!value && typeof value === "object" && !Array.isArray(value);

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
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

export const cloneState = (state: Json): Json => structuredClone(state);
