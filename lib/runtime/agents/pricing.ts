// USD per 1M tokens for common OpenAI models (list prices, standard tier). Unknown models (local Ollama or vLLM ones,
// other vendors behind an OpenAI-compatible endpoint) have no price: their cost is null, never a guess.
export type ModelPrice = { inputPerMTok: number; outputPerMTok: number };

export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gpt-5": { inputPerMTok: 1.25, outputPerMTok: 10 },
  "gpt-5-mini": { inputPerMTok: 0.25, outputPerMTok: 2 },
  "gpt-5-nano": { inputPerMTok: 0.05, outputPerMTok: 0.4 },
  "gpt-4.1": { inputPerMTok: 2, outputPerMTok: 8 },
  "gpt-4.1-mini": { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  "gpt-4.1-nano": { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  "gpt-4o": { inputPerMTok: 2.5, outputPerMTok: 10 },
  "gpt-4o-mini": { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  "gpt-4-turbo": { inputPerMTok: 10, outputPerMTok: 30 },
  "gpt-4": { inputPerMTok: 30, outputPerMTok: 60 },
  "gpt-3.5-turbo": { inputPerMTok: 0.5, outputPerMTok: 1.5 },
  o1: { inputPerMTok: 15, outputPerMTok: 60 },
  "o1-mini": { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  o3: { inputPerMTok: 2, outputPerMTok: 8 },
  "o3-mini": { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  "o4-mini": { inputPerMTok: 1.1, outputPerMTok: 4.4 },
};

/** "gpt-4o-2024-08-06" and "openai/gpt-4o" are priced as "gpt-4o"; "gpt-4-0613" as "gpt-4". */
export function normalizeModelName(model: string): string {
  return model
    .trim()
    .toLowerCase()
    .replace(/^openai\//, "")
    .replace(/-\d{4}-\d{2}-\d{2}$/, "")
    .replace(/-(?:\d{4}|preview|latest)$/, "");
}

export function modelPrice(model: string): ModelPrice | null {
  return MODEL_PRICES[model.trim().toLowerCase()] ?? MODEL_PRICES[normalizeModelName(model)] ?? null;
}

/** Cost of one call in USD, rounded to 1e-8; null when the model's price is unknown. */
export function costUsd(model: string, usage: { inputTokens: number; outputTokens: number }): number | null {
  const price = modelPrice(model);
  if (!price) return null;
  const cost = (usage.inputTokens * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1_000_000;
  return Math.round(cost * 1e8) / 1e8;
}
