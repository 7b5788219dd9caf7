import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { auditableProvider, MODEL_PROVIDER_VIEW_SELECT, toModelProviderView } from "./model-provider-view";

/** Deletes a provider of this workspace. Agent specs that named it ("name/model") are then read as bare model names. */
export async function deleteModelProvider(
  tx: Tx,
  options: { workspaceId: string; id: string },
): Promise<{ id: string; before: ReturnType<typeof auditableProvider> }> {
  const existing = await tx.modelProvider.findFirst({
    where: { id: options.id, workspaceId: options.workspaceId },
    select: MODEL_PROVIDER_VIEW_SELECT,
  });
  if (!existing)
    throw new AppError("NOT_FOUND", { userMessage: "That model provider does not exist in this workspace." });
  await tx.modelProvider.delete({ where: { id: existing.id } });
  return { id: existing.id, before: auditableProvider(toModelProviderView(existing)) };
}
