// The modes a node kind can run in (an agent is deterministic or LLM; a tool built-in, HTTP or MCP; a router a
// classifier, an LLM or rules) and the settings each mode reads. The persisted config keeps every field whatever the
// mode, so switching back and forth loses nothing and old drafts, versions and exports parse unchanged; these sets
// only say which fields apply. The registry (registry.ts) attaches them to their kinds; the inspector shows and
// validation judges only the fields that apply.

export type ModeSpec = {
  /** What people call the mode. */
  label: string;
  /** Config fields only this mode reads, as dotted paths without array indexes ("routes.examples"). */
  fields: readonly string[];
  /** What a field is called in this mode, when it means something else there. */
  labels?: Readonly<Record<string, string>>;
};

export type NodeModes = {
  /** The config field that picks the mode. */
  field: string;
  /** The mode of a config that does not say (the schema's default). */
  fallback: string;
  /** Per mode value. A field no mode lists applies in every mode. */
  modes: Readonly<Record<string, ModeSpec>>;
};

export const AGENT_MODES: NodeModes = {
  field: "mode",
  fallback: "deterministic",
  modes: {
    deterministic: {
      label: "Deterministic (slots, a tool, a reply template)",
      fields: ["slots", "reaskLimit", "tool", "reply"],
    },
    llm: {
      label: "LLM agent (model, prompt, tools)",
      // The offline stand-in model plays an LLM agent from its slots and reply, so they stay editable here.
      fields: ["model", "systemPrompt", "temperature", "maxTurns", "fallbackModel", "slots", "reply"],
      labels: { slots: "Slots (the offline stand-in asks for these)", reply: "Reply of the offline stand-in" },
    },
  },
};

export const TOOL_MODES: NodeModes = {
  field: "source",
  fallback: "builtin",
  modes: {
    builtin: { label: "Built-in tool", fields: ["builtin"] },
    http: { label: "HTTP request", fields: ["http"] },
    mcp: { label: "MCP server tool", fields: ["mcp"] },
  },
};

export const ROUTER_MODES: NodeModes = {
  field: "strategy",
  fallback: "classifier",
  modes: {
    classifier: { label: "Intent classifier", fields: ["mode", "threshold", "routes.examples"] },
    // The LLM router takes the low-confidence path below the threshold too.
    llm: { label: "LLM", fields: ["model", "threshold", "routes.description"] },
    rules: { label: "Rules", fields: ["routes.rule"] },
  },
};

export const JOIN_MODES: NodeModes = {
  field: "mode",
  fallback: "all",
  modes: {
    all: { label: "All branches", fields: [] },
    any: { label: "Any branch", fields: [] },
    first_n: { label: "The first N branches", fields: ["n"] },
  },
};

export const VERIFY_CUSTOMER_MODES: NodeModes = {
  field: "method",
  fallback: "knowledge",
  modes: {
    knowledge: { label: "Order details", fields: ["secondFactor"] },
    email_code: { label: "One-time code by e-mail", fields: ["codeTtlMinutes"] },
  },
};

/** A config path as a field key: array indexes dropped ("routes.3.examples" → "routes.examples"). */
export const fieldKey = (path: readonly (string | number)[]) =>
  path.filter((part) => typeof part === "string").join(".");

/** The mode a config is in; an unknown value reads as the fallback, so a half-written draft still shows fields. */
export function modeOf(modes: NodeModes, config: unknown): string {
  const value = config && typeof config === "object" ? (config as Record<string, unknown>)[modes.field] : undefined;
  return typeof value === "string" && Object.hasOwn(modes.modes, value) ? value : modes.fallback;
}

/** The mode-specific field a path lies in (itself or an ancestor), if any. */
function ownerField(modes: NodeModes, key: string): string | undefined {
  for (const mode of Object.values(modes.modes))
    for (const field of mode.fields) if (key === field || key.startsWith(`${field}.`)) return field;
  return undefined;
}

/** Whether a config path is read in the config's current mode. */
export function fieldApplies(modes: NodeModes | undefined, config: unknown, path: readonly (string | number)[]) {
  if (!modes) return true;
  const field = ownerField(modes, fieldKey(path));
  return field === undefined || modes.modes[modeOf(modes, config)].fields.includes(field);
}

/** What a field is called in the config's current mode, when the mode names it. */
export function modeFieldLabel(modes: NodeModes | undefined, config: unknown, path: readonly (string | number)[]) {
  return modes?.modes[modeOf(modes, config)].labels?.[fieldKey(path)];
}

/**
 * The config with the values of fields its mode does not read removed where the schema would reject them, so a
 * stale setting of another mode (a temperature typed out of range before switching to deterministic) falls back to
 * its default instead of blocking the node. `invalidPaths` are the schema's complaints.
 */
export function withoutInvalidInactive(
  modes: NodeModes,
  config: Record<string, unknown>,
  invalidPaths: readonly (readonly PropertyKey[])[],
): Record<string, unknown> {
  let out = config;
  for (const path of invalidPaths) {
    const parts = path.filter((p): p is string | number => typeof p !== "symbol");
    const field = ownerField(modes, fieldKey(parts));
    if (!field || fieldApplies(modes, config, parts)) continue;
    // Cut the path right after the field's last name: ["routes", 3, "examples", 2] → ["routes", 3, "examples"].
    let names = field.split(".").length;
    const cut = parts.findIndex((part) => typeof part === "string" && --names === 0);
    out = removeAt(out, parts.slice(0, cut + 1)) as Record<string, unknown>;
  }
  return out;
}

/** A copy of `value` without what `path` points at (so the schema's default fills it). */
function removeAt(value: unknown, path: (string | number)[]): unknown {
  if (!path.length || !value || typeof value !== "object") return value;
  const [head, ...tail] = path;
  if (Array.isArray(value)) {
    return typeof head === "number"
      ? value.map((item, index) => (index === head ? removeAt(item, tail) : item))
      : value;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (tail.length) copy[head] = removeAt(copy[head], tail);
  else delete copy[head];
  return copy;
}

/** The same sets by kind, for the draft schema (schema.ts sits below the registry). */
export const MODES_BY_KIND: Readonly<Record<string, NodeModes>> = {
  agent: AGENT_MODES,
  tool: TOOL_MODES,
  router: ROUTER_MODES,
  join: JOIN_MODES,
  verify_customer: VERIFY_CUSTOMER_MODES,
};
