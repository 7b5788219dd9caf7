// Which provider serves an agent's model spec, for one workspace:
//   ""  | "offline" | "offline/<anything>"   → the deterministic offline stand-in (lib/model/flow/model-spec.ts reads
//                                              the forms without a database, for validation)
//   "<providerName>/<model>"                 → that workspace ModelProvider (its key decrypted here, server-side only)
//   "<providerName>"                         → that provider with its default model
//   "<model>"                                → the workspace's provider named "default"; else OPENAI_BASE_URL /
//                                              OPENAI_API_KEY from the environment; else the offline stand-in, which
//                                              validation refuses for a published flow
// A prefix that names no provider is part of a bare model name ("meta-llama/Llama-3-8B" on a gateway).
import "server-only";
import { createHash } from "node:crypto";
import { decryptSecret } from "@/lib/platform/crypto/secret-box";
import type { Tx } from "@/lib/platform/db/client";
import {
  DEFAULT_PROVIDER_NAME,
  ENV_PROVIDER_NAME,
  offlineModelName,
  splitModelSpec,
} from "@/lib/model/flow/model-spec";
import { offlineProvider, OFFLINE_PROVIDER_ID } from "./offline-provider";
import { createOpenAIProvider } from "./openai-provider";
import { ProviderError, type ChatProvider } from "./types";
import { processEnv } from "@/lib/platform/config";

export type ResolvedProvider = { provider: ChatProvider; model: string; providerName: string };

export { ENV_PROVIDER_NAME };
const OPENAI_BASE_URL = "https://api.openai.com/v1";

type ProviderRow = {
  id: string;
  name: string;
  baseUrl: string;
  apiKeyCipher: string | null;
  defaultModel: string;
  fallbackModel: string | null;
  timeoutMs: number;
  maxRetries: number;
  updatedAt: Date;
};

// Clients keyed by row id + updatedAt: an edited provider gets a new client, an unchanged one reuses its connections.
const rowCache = new Map<string, { version: number; provider: ChatProvider }>();
const envCache = new Map<string, ChatProvider>();

/** Builds (or reuses) the client for a stored provider, decrypting its key. */
export function providerForRow(row: ProviderRow): ChatProvider {
  const version = row.updatedAt.getTime();
  const cached = rowCache.get(row.id);
  if (cached && cached.version === version) return cached.provider;
  let apiKey: string | null = null;
  if (row.apiKeyCipher) {
    try {
      apiKey = decryptSecret(row.apiKeyCipher);
    } catch (error) {
      throw new ProviderError(
        "configuration",
        `The API key of model provider "${row.name}" cannot be decrypted (was SWITCHBOARD_SECRETS_KEY or NEXTAUTH_SECRET changed?). Enter the key again in Settings.`,
        { retriable: false, cause: error },
      );
    }
  }
  const provider = createOpenAIProvider({
    id: `provider:${row.name}`,
    baseUrl: row.baseUrl,
    apiKey,
    timeoutMs: row.timeoutMs,
    maxRetries: row.maxRetries,
    fallbackModel: row.fallbackModel,
  });
  rowCache.set(row.id, { version, provider });
  return provider;
}

function envProvider(env: Record<string, string | undefined>): ChatProvider | null {
  if (!environmentServesModels(env)) return null;
  const baseUrl = env.OPENAI_BASE_URL?.trim();
  const apiKey = env.OPENAI_API_KEY?.trim();
  const timeoutMs = Number(env.OPENAI_TIMEOUT_MS) || undefined;
  const maxRetries =
    env.OPENAI_MAX_RETRIES !== undefined && env.OPENAI_MAX_RETRIES !== "" ? Number(env.OPENAI_MAX_RETRIES) : undefined;
  const fallbackModel = env.OPENAI_FALLBACK_MODEL?.trim() || null;
  const cacheKey = createHash("sha256")
    .update(JSON.stringify([baseUrl, apiKey, timeoutMs, maxRetries, fallbackModel]))
    .digest("hex");
  let provider = envCache.get(cacheKey);
  if (!provider) {
    provider = createOpenAIProvider({
      id: ENV_PROVIDER_NAME,
      baseUrl: baseUrl || OPENAI_BASE_URL,
      apiKey,
      timeoutMs,
      maxRetries,
      fallbackModel,
    });
    envCache.clear();
    envCache.set(cacheKey, provider);
  }
  return provider;
}

const PROVIDER_SELECT = {
  id: true,
  name: true,
  baseUrl: true,
  apiKeyCipher: true,
  defaultModel: true,
  fallbackModel: true,
  timeoutMs: true,
  maxRetries: true,
  updatedAt: true,
} as const;

export async function resolveProvider(
  tx: Tx,
  workspaceId: string,
  modelSpec: string,
  env: Record<string, string | undefined> = processEnv(),
): Promise<ResolvedProvider> {
  const spec = modelSpec.trim();
  // Unset or unserved specs still get an answer (a test of a half-built draft, a version whose provider was removed
  // since): the stand-in's, which the engine records and labels as offline. Validation refuses them before publishing.
  const offline = (model: string): ResolvedProvider => ({
    provider: offlineProvider,
    model,
    providerName: OFFLINE_PROVIDER_ID,
  });
  if (spec === "") return offline(OFFLINE_PROVIDER_ID);
  const offlineName = offlineModelName(spec);
  if (offlineName !== null) return offline(offlineName);

  const { prefix, model: namedModel } = splitModelSpec(spec);
  const named = await tx.modelProvider.findUnique({
    where: { workspaceId_name: { workspaceId, name: prefix } },
    select: PROVIDER_SELECT,
  });
  if (named) {
    return { provider: providerForRow(named), model: namedModel || named.defaultModel, providerName: named.name };
  }

  const fallback = await tx.modelProvider.findUnique({
    where: { workspaceId_name: { workspaceId, name: DEFAULT_PROVIDER_NAME } },
    select: PROVIDER_SELECT,
  });
  if (fallback) return { provider: providerForRow(fallback), model: spec, providerName: fallback.name };

  const fromEnv = envProvider(env);
  if (fromEnv) return { provider: fromEnv, model: spec, providerName: ENV_PROVIDER_NAME };
  return offline(spec);
}

/** Whether OPENAI_BASE_URL or OPENAI_API_KEY is set: the environment then serves bare model names. */
export function environmentServesModels(env: Record<string, string | undefined> = processEnv()): boolean {
  return Boolean(env.OPENAI_BASE_URL?.trim() || env.OPENAI_API_KEY?.trim());
}

/** Forgets cached clients (tests; a key rotation). */
export function clearProviderCache(): void {
  rowCache.clear();
  envCache.clear();
}
