// Pure helpers for erasure: find and remove the copies of a customer's long-term memory the engine keeps inside JSON
// columns. The engine loads recalled memory into `state.memory.customer`; that subtree travels into the runtime's
// frames, step and span inputs/outputs and escalation contexts. Dotted keys ("memory.customer.language", as a
// set_memory step reports what it wrote) are treated as the same path.

export const ERASED = "[erased]";

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isDottedCustomerMemoryKey(key: string): boolean {
  return key === "memory.customer" || key.startsWith("memory.customer.");
}

/**
 * Deletes every `memory.customer` subtree (and dotted `memory.customer…` key) at any depth; a `memory` object left
 * empty is deleted too. Returns the same reference when nothing matched, so callers can skip unchanged rows.
 */
export function deleteCustomerMemory<T>(value: T): T {
  return walk(value, "delete") as T;
}

/** Replaces every `memory.customer` subtree (and dotted `memory.customer…` key) with "[erased]", at any depth. */
export function redactCustomerMemory<T>(value: T): T {
  return walk(value, "replace") as T;
}

function walk(value: Json, mode: "delete" | "replace"): Json {
  if (Array.isArray(value)) {
    let changed = false;
    const next = value.map((item) => {
      const out = walk(item, mode);
      if (out !== item) changed = true;
      return out;
    });
    return changed ? next : value;
  }
  if (!isObject(value)) return value;

  let changed = false;
  const next: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) {
    if (isDottedCustomerMemoryKey(key)) {
      if (mode === "delete") {
        changed = true;
        continue;
      }
      if (child !== ERASED) changed = true;
      next[key] = ERASED;
      continue;
    }
    if (key === "memory" && isObject(child) && "customer" in child) {
      const { customer, ...rest } = child;
      const restOut = walk(rest, mode) as Record<string, Json>;
      if (mode === "delete") {
        changed = true;
        if (Object.keys(restOut).length > 0) next[key] = restOut;
        continue;
      }
      if (customer !== ERASED || restOut !== rest) changed = true;
      next[key] = { ...restOut, customer: ERASED };
      continue;
    }
    const out = walk(child, mode);
    if (out !== child) changed = true;
    next[key] = out;
  }
  return changed ? next : value;
}
