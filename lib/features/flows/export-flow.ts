// A flow as a portable .flow.json file: its saved draft, or one published version.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { toFlowFile, type FlowFile } from "@/lib/model/flow/flow-file";
import { flowGraphSchema } from "@/lib/model/flow/schema";

export async function exportFlowFile(options: {
  workspaceId: string;
  flowId: string;
  /** A published version number; the saved draft when absent. */
  version?: number;
}): Promise<{ filename: string; file: FlowFile }> {
  const flow = await db().flow.findFirst({
    where: { id: options.flowId, workspaceId: options.workspaceId },
    select: { slug: true, name: true, description: true, draft: true },
  });
  if (!flow) throw new AppError("NOT_FOUND", { userMessage: "That flow does not exist in this workspace." });
  let graph: unknown = flow.draft;
  if (options.version !== undefined) {
    const version = await db().flowVersion.findFirst({
      where: { flowId: options.flowId, kind: "published", number: options.version },
      select: { graph: true },
    });
    if (!version)
      throw new AppError("NOT_FOUND", { userMessage: `This flow has no published version v${options.version}.` });
    graph = version.graph;
  }
  const parsed = flowGraphSchema.safeParse(graph);
  if (!parsed.success) {
    throw new AppError("VALIDATION", {
      message: parsed.error.message,
      userMessage: "This graph does not match the current flow schema, so it cannot be exported.",
    });
  }
  return {
    filename: `${flow.slug}.flow.json`,
    file: toFlowFile({ name: flow.name, slug: flow.slug, description: flow.description, graph: parsed.data }),
  };
}
