// What can serve models in a workspace, as the data validation judges LLM nodes by (lib/model/flow/model-spec.ts):
// its model providers' names (Settings → Model providers) and whether OPENAI_* is set on the server. The designer,
// publishing and rolling back all validate with it, so they agree on what may be published.
import "server-only";
import { db, type Tx } from "@/lib/platform/db/client";
import type { ModelAvailability } from "@/lib/model/flow/model-spec";
import { environmentServesModels } from "@/lib/runtime/agents/resolve-provider";

export async function modelAvailability(workspaceId: string, client: Tx = db()): Promise<ModelAvailability> {
  const rows = await client.modelProvider.findMany({
    where: { workspaceId },
    orderBy: { name: "asc" },
    select: { name: true },
  });
  return { providers: rows.map((row) => row.name), environment: environmentServesModels() };
}
