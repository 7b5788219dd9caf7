import "server-only";
import { encryptSecret, secretHint } from "@/lib/platform/crypto/secret-box";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import type { ModelProviderView, UpdateModelProviderInput } from "@/lib/runtime/agents/model-provider-schema";
import { auditableProvider, MODEL_PROVIDER_VIEW_SELECT, toModelProviderView } from "./model-provider-view";
import { isUniqueViolation } from "@/lib/platform/db/unique-violation";

type Auditable = ReturnType<typeof auditableProvider>;

/**
 * Updates a provider of this workspace. An empty `apiKey` keeps the stored key; `clearApiKey` removes it. `before` and
 * `after` hold only the fields that changed (never a key); `changed` is false when nothing did.
 */
export async function updateModelProvider(
  tx: Tx,
  options: { workspaceId: string; input: UpdateModelProviderInput },
): Promise<{
  provider: ModelProviderView;
  changed: boolean;
  before: Partial<Auditable>;
  after: Partial<Auditable>;
  key: "kept" | "replaced" | "removed";
}> {
  const { input } = options;
  const existing = await tx.modelProvider.findFirst({
    where: { id: input.id, workspaceId: options.workspaceId },
    select: MODEL_PROVIDER_VIEW_SELECT,
  });
  if (!existing)
    throw new AppError("NOT_FOUND", { userMessage: "That model provider does not exist in this workspace." });

  const newKey = input.apiKey.trim();
  const key = newKey ? "replaced" : input.clearApiKey && existing.apiKeyCipher ? "removed" : "kept";
  let row: typeof existing;
  try {
    row = await tx.modelProvider.update({
      where: { id: existing.id },
      data: {
        name: input.name,
        baseUrl: input.baseUrl,
        defaultModel: input.defaultModel,
        fallbackModel: input.fallbackModel || null,
        timeoutMs: input.timeoutMs,
        maxRetries: input.maxRetries,
        ...(key === "replaced" ? { apiKeyCipher: encryptSecret(newKey), apiKeyHint: secretHint(newKey) } : {}),
        ...(key === "removed" ? { apiKeyCipher: null, apiKeyHint: null } : {}),
      },
      select: MODEL_PROVIDER_VIEW_SELECT,
    });
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

  const beforeAll = auditableProvider(toModelProviderView(existing));
  const provider = toModelProviderView(row);
  const afterAll = auditableProvider(provider);
  const before: Partial<Auditable> = {};
  const after: Partial<Auditable> = {};
  for (const field of Object.keys(afterAll) as (keyof Auditable)[]) {
    if (beforeAll[field] !== afterAll[field]) {
      (before as Record<string, unknown>)[field] = beforeAll[field];
      (after as Record<string, unknown>)[field] = afterAll[field];
    }
  }
  // A replaced key with the same last four characters changes no audited field, but it is still a change.
  const changed = Object.keys(after).length > 0 || key !== "kept";
  return { provider, changed, before, after, key };
}
