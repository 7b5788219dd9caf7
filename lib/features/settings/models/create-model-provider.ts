import "server-only";
import { encryptSecret, secretHint } from "@/lib/platform/crypto/secret-box";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import type { CreateModelProviderInput, ModelProviderView } from "@/lib/runtime/agents/model-provider-schema";
import { auditableProvider, MODEL_PROVIDER_VIEW_SELECT, toModelProviderView } from "./model-provider-view";
import { isUniqueViolation } from "@/lib/platform/db/unique-violation";

/** Adds a provider; the key is stored encrypted and is never returned. `after` is safe to audit. */
export async function createModelProvider(
  tx: Tx,
  options: { workspaceId: string; input: CreateModelProviderInput },
): Promise<{ provider: ModelProviderView; after: ReturnType<typeof auditableProvider> }> {
  const { input } = options;
  const apiKey = input.apiKey.trim();
  try {
    const row = await tx.modelProvider.create({
      data: {
        workspaceId: options.workspaceId,
        name: input.name,
        baseUrl: input.baseUrl,
        apiKeyCipher: apiKey ? encryptSecret(apiKey) : null,
        apiKeyHint: apiKey ? secretHint(apiKey) : null,
        defaultModel: input.defaultModel,
        fallbackModel: input.fallbackModel || null,
        timeoutMs: input.timeoutMs,
        maxRetries: input.maxRetries,
      },
      select: MODEL_PROVIDER_VIEW_SELECT,
    });
    const provider = toModelProviderView(row);
    return { provider, after: auditableProvider(provider) };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", {
        message: `Model provider name taken: ${input.name}`,
        userMessage: "A provider with that name already exists.",
        fieldErrors: { name: ["A provider with that name already exists in this workspace."] },
      });
    }
    throw error;
  }
}
