import "server-only";
import type { ModelProviderView } from "@/lib/runtime/agents/model-provider-schema";

/** The columns a provider view needs: deliberately not the key cipher. */
export const MODEL_PROVIDER_VIEW_SELECT = {
  id: true,
  name: true,
  baseUrl: true,
  defaultModel: true,
  fallbackModel: true,
  timeoutMs: true,
  maxRetries: true,
  apiKeyHint: true,
  apiKeyCipher: true,
  createdAt: true,
  updatedAt: true,
} as const;

type Row = {
  id: string;
  name: string;
  baseUrl: string;
  defaultModel: string;
  fallbackModel: string | null;
  timeoutMs: number;
  maxRetries: number;
  apiKeyHint: string | null;
  apiKeyCipher: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toModelProviderView(row: Row): ModelProviderView {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.baseUrl,
    defaultModel: row.defaultModel,
    fallbackModel: row.fallbackModel,
    timeoutMs: row.timeoutMs,
    maxRetries: row.maxRetries,
    hasKey: row.apiKeyCipher !== null,
    apiKeyHint: row.apiKeyHint,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What an audit entry may record about a provider: names, URL, models, limits, the key's hint. Never the key. */
export function auditableProvider(view: ModelProviderView) {
  return {
    name: view.name,
    baseUrl: view.baseUrl,
    defaultModel: view.defaultModel,
    fallbackModel: view.fallbackModel,
    timeoutMs: view.timeoutMs,
    maxRetries: view.maxRetries,
    hasKey: view.hasKey,
    apiKeyHint: view.apiKeyHint,
  };
}
