// output_schema: the reply must be JSON that satisfies a JSON Schema. Schemas are compiled once and cached by their
// canonical JSON (key order does not matter), because compiling is far more expensive than validating.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import Ajv2019 from "ajv/dist/2019";
import Ajv2020 from "ajv/dist/2020";
import { guardrailConfigError, type GuardrailDecision } from "./guardrail-decision";
import { canonicalJson } from "@/lib/model/canonical-json";

const MAX_CACHED_SCHEMAS = 100;
const MAX_REPORTED_ERRORS = 20;
const cache = new Map<string, ValidateFunction>();

// ajv-formats is not a dependency; these cover the formats replies commonly use. Unknown formats are ignored.
const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/,
  time: /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/i,
  "date-time":
    /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i,
  email:
    /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
  uri: /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/,
};

function parseSchema(schema: string | object): object | boolean {
  if (typeof schema !== "string") return schema;
  try {
    const parsed: unknown = JSON.parse(schema);
    if (typeof parsed === "boolean" || (parsed && typeof parsed === "object" && !Array.isArray(parsed))) return parsed;
    throw new Error("a schema must be a JSON object or boolean");
  } catch (error) {
    throw guardrailConfigError(`Output schema is not valid JSON: ${(error as Error).message}`, error);
  }
}

/** Compiles (or fetches from cache) a validator; throws a clear configuration error for an invalid schema. */
export function compileOutputSchema(schema: string | object): ValidateFunction {
  const parsed = parseSchema(schema);
  // Sorted keys: the same schema written two ways gets one cache entry.
  const key = canonicalJson(parsed);
  const cached = cache.get(key);
  if (cached) {
    // Re-insert to keep the map in least-recently-used order.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  // One Ajv instance per schema: two unrelated schemas that reuse an $id must not collide in a shared registry.
  const draft = typeof parsed === "object" ? String((parsed as { $schema?: unknown }).$schema ?? "") : "";
  const options = { allErrors: true, strict: false, logger: false as const, formats: FORMATS };
  const ajv = draft.includes("2020-12")
    ? new Ajv2020(options)
    : draft.includes("2019-09")
      ? new Ajv2019(options)
      : new Ajv(options);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(parsed);
  } catch (error) {
    throw guardrailConfigError(`Output schema is not a valid JSON Schema: ${(error as Error).message}`, error);
  }
  if (cache.size >= MAX_CACHED_SCHEMAS) cache.delete(cache.keys().next().value!);
  cache.set(key, validate);
  return validate;
}

function describeError(error: ErrorObject): string {
  const path = error.instancePath || "/";
  const extra =
    error.keyword === "additionalProperties"
      ? ` ("${(error.params as { additionalProperty: string }).additionalProperty}")`
      : "";
  const allowed =
    error.keyword === "enum" ? `: ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}` : "";
  return `${path} ${error.message ?? error.keyword}${extra}${allowed}`;
}

export function checkOutputSchema(text: string, jsonSchema: string | object): GuardrailDecision {
  const policy = "output_schema";
  const validate = compileOutputSchema(jsonSchema);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      policy,
      outcome: "block",
      reason: `Reply is not valid JSON: ${(error as Error).message}`,
      findings: [{ type: "invalid_json", detail: (error as Error).message }],
    };
  }
  if (validate(data)) return { policy, outcome: "pass", reason: "Reply matches the output schema.", findings: [] };
  const errors = (validate.errors ?? []).slice(0, MAX_REPORTED_ERRORS).map(describeError);
  return {
    policy,
    outcome: "block",
    reason: `Reply does not match the output schema: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}.`,
    findings: errors.map((detail) => ({ type: "schema_error", detail })),
  };
}
