// Import of a .flow.json file (lib/model/flow/flow-file.ts): as a new flow, or over an existing flow's draft. A file with
// problems is refused as a whole, with every problem and where it is; nothing is written.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createFlow } from "./create-flow";
import { diffForAudit, type DiffAudit } from "@/lib/model/flow/diff-audit";
import { parseFlowFile } from "@/lib/model/flow/flow-file";
import { lockFlow } from "./flow-access";
import { flowMetaSchema } from "@/lib/model/flow/flow-meta";

/** A little over the biggest demo flow (BANKING77, thousands of training examples). */
export const MAX_FLOW_FILE_BYTES = 8 * 1024 * 1024;
const LISTED_ERRORS = 5;

export type ImportResult = {
  mode: "new" | "replace_draft";
  flowId: string;
  slug: string;
  name: string;
  draftRevision: number;
  previousDraftRevision: number | null;
  nodeCount: number;
  edgeCount: number;
  diff: DiffAudit | null;
};

function fileErrors(errors: { path: string; message: string }[]): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const error of errors) (fieldErrors[error.path || "_"] ??= []).push(error.message);
  const listed = errors.slice(0, LISTED_ERRORS).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
  const more = errors.length > LISTED_ERRORS ? ` (and ${errors.length - LISTED_ERRORS} more)` : "";
  return new AppError("VALIDATION", {
    message: `flow file: ${errors.length} errors`,
    userMessage: `The file cannot be imported (${errors.length} problem${errors.length === 1 ? "" : "s"}): ${listed.join("; ")}${more}.`,
    fieldErrors,
  });
}

export async function importFlow(
  tx: Tx,
  options: { workspaceId: string; text: string; mode: "new" | "replace_draft"; flowId?: string; userId: string | null },
): Promise<ImportResult> {
  if (Buffer.byteLength(options.text, "utf8") > MAX_FLOW_FILE_BYTES) {
    throw fileErrors([{ path: "", message: `The file is larger than ${MAX_FLOW_FILE_BYTES / 1024 / 1024} MB.` }]);
  }
  const parsed = parseFlowFile(options.text);
  if (!parsed.ok)
    throw fileErrors(
      parsed.errors.length ? parsed.errors : [{ path: "", message: "The file is not a Switchboard flow file." }],
    );
  const { file } = parsed;
  const graph = file.graph;

  if (options.mode === "new") {
    const meta = flowMetaSchema.safeParse({ name: file.name, slug: file.slug, description: file.description });
    if (!meta.success) {
      throw fileErrors(meta.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })));
    }
    const flow = await createFlow(tx, {
      workspaceId: options.workspaceId,
      ...meta.data,
      graph,
      userId: options.userId,
    });
    return {
      mode: "new",
      flowId: flow.id,
      slug: flow.slug,
      name: flow.name,
      draftRevision: flow.draftRevision,
      previousDraftRevision: null,
      nodeCount: graph.nodes.length,
      edgeCount: graph.edges.length,
      diff: null,
    };
  }

  if (!options.flowId)
    throw new AppError("VALIDATION", {
      userMessage: "Choose the flow whose draft the file replaces.",
      fieldErrors: { flowId: ["Required."] },
    });
  const flow = await lockFlow(tx, options.workspaceId, options.flowId);
  const updated = await tx.flow.update({
    where: { id: flow.id },
    data: {
      draft: graph as unknown as Prisma.InputJsonValue,
      draftRevision: { increment: 1 },
      draftUpdatedAt: new Date(),
      draftUpdatedById: options.userId,
    },
    select: { draftRevision: true },
  });
  return {
    mode: "replace_draft",
    flowId: flow.id,
    slug: flow.slug,
    name: flow.name,
    draftRevision: updated.draftRevision,
    previousDraftRevision: flow.draftRevision,
    nodeCount: graph.nodes.length,
    edgeCount: graph.edges.length,
    diff: diffForAudit(flow.draft, graph),
  };
}
