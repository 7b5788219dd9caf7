// How an LLM node's model spec names what serves it, read without a database so the designer, publishing and the
// engine agree. The spec forms (the engine resolves them in lib/runtime/agents/resolve-provider.ts):
//   "offline" | "offline/<name>"   → the offline stand-in: canned, deterministic replies, no model at all
//   "<provider>/<model>"           → that workspace model provider
//   "<provider>"                   → that provider with its default model
//   "<model>"                      → the workspace's provider named "default", else OPENAI_* from the environment
// A prefix that names no provider is part of a bare model name ("meta-llama/Llama-3-8B" on a gateway).

export const OFFLINE_MODEL = "offline";
/** The provider that serves bare model names ("gpt-4o-mini") when a workspace has one. */
export const DEFAULT_PROVIDER_NAME = "default";
/** The provider name the engine records for calls served through OPENAI_BASE_URL / OPENAI_API_KEY. */
export const ENV_PROVIDER_NAME = "env";

/** What can serve models in a workspace: its providers' names and whether OPENAI_* is set on the server. */
export type ModelAvailability = { providers: readonly string[]; environment: boolean };

export const NO_MODEL_PROVIDERS: ModelAvailability = { providers: [], environment: false };

export type ModelServer =
  /** Explicitly the offline stand-in; `model` is the name after "offline/" (or "offline"). */
  | { kind: "offline"; model: string }
  /** No model named at all. */
  | { kind: "unset" }
  /** A provider serves it: a workspace provider by name, or the environment ("env"). "" model: its default. */
  | { kind: "provider"; provider: string; model: string }
  /** Nothing in this workspace can serve it. */
  | { kind: "unserved"; model: string };

/** The model name an offline spec stands for, or null when the spec is not the offline stand-in. */
export function offlineModelName(spec: string): string | null {
  const trimmed = spec.trim();
  const lower = trimmed.toLowerCase();
  if (lower === OFFLINE_MODEL) return OFFLINE_MODEL;
  if (lower.startsWith(`${OFFLINE_MODEL}/`)) return trimmed.slice(OFFLINE_MODEL.length + 1).trim() || OFFLINE_MODEL;
  return null;
}

/** "<prefix>/<rest>": the prefix a provider would be named by (lowercased), and the model after it (null: none). */
export function splitModelSpec(spec: string): { prefix: string; model: string | null } {
  const trimmed = spec.trim();
  const slash = trimmed.indexOf("/");
  return slash === -1
    ? { prefix: trimmed.toLowerCase(), model: null }
    : { prefix: trimmed.slice(0, slash).toLowerCase(), model: trimmed.slice(slash + 1).trim() };
}

/** Who would serve `spec` given what the workspace has; the same order of precedence as the engine. */
export function modelServer(spec: string, available: ModelAvailability): ModelServer {
  const trimmed = spec.trim();
  if (!trimmed) return { kind: "unset" };
  const offline = offlineModelName(trimmed);
  if (offline !== null) return { kind: "offline", model: offline };
  const { prefix, model } = splitModelSpec(trimmed);
  if (available.providers.includes(prefix)) return { kind: "provider", provider: prefix, model: model ?? "" };
  if (available.providers.includes(DEFAULT_PROVIDER_NAME))
    return { kind: "provider", provider: DEFAULT_PROVIDER_NAME, model: trimmed };
  if (available.environment) return { kind: "provider", provider: ENV_PROVIDER_NAME, model: trimmed };
  return { kind: "unserved", model: trimmed };
}
