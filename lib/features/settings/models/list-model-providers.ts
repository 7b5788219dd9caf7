import "server-only";
import { db, type Tx } from "@/lib/platform/db/client";
import type { ModelProviderView } from "@/lib/runtime/agents/model-provider-schema";
import { MODEL_PROVIDER_VIEW_SELECT, toModelProviderView } from "./model-provider-view";

/** The workspace's model providers by name. Never the key: `hasKey` and its last four characters only. */
export async function listModelProviders(workspaceId: string, client: Tx = db()): Promise<ModelProviderView[]> {
  const rows = await client.modelProvider.findMany({
    where: { workspaceId },
    orderBy: { name: "asc" },
    select: MODEL_PROVIDER_VIEW_SELECT,
  });
  return rows.map(toModelProviderView);
}
