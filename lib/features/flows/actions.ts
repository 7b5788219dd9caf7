"use server";
// Creating and importing flows. Both through defineAction: session → permission → zod → domain call in a
// transaction with its audit entry.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/features/define-action";
import { createFlow } from "@/lib/features/flows/create-flow";
import { flowMetaSchema } from "@/lib/model/flow/flow-meta";
import { importFlow, MAX_FLOW_FILE_BYTES } from "@/lib/features/flows/import-flow";

export const createFlowAction = defineAction({
  permission: "flow.edit",
  schema: flowMetaSchema,
  revalidate: ["/flows"],
  handler: async (input, { member, tx }) => {
    const flow = await createFlow(tx, { workspaceId: member.workspaceId, ...input, userId: member.userId });
    return {
      data: { flowId: flow.id, slug: flow.slug, draftRevision: flow.draftRevision },
      audit: {
        action: "flow.created",
        resourceType: "flow",
        resourceId: flow.id,
        after: {
          slug: flow.slug,
          name: flow.name,
          description: input.description,
          nodes: flow.nodeCount,
          edges: flow.edgeCount,
        },
      },
    };
  },
});

const importFlowSchema = z
  .object({
    // Characters, not bytes; import-flow.ts checks the byte size.
    text: z.string().min(1, "Choose a .flow.json file.").max(MAX_FLOW_FILE_BYTES, "The file is too large."),
    mode: z.enum(["new", "replace_draft"]),
    flowId: z.string().trim().min(1).max(64).optional(),
  })
  .refine((value) => value.mode === "new" || !!value.flowId, {
    path: ["flowId"],
    message: "Choose the flow whose draft the file replaces.",
  });

export const importFlowAction = defineAction({
  permission: "flow.edit",
  schema: importFlowSchema,
  handler: async (input, { member, tx }) => {
    const result = await importFlow(tx, { workspaceId: member.workspaceId, ...input, userId: member.userId });
    revalidatePath("/flows");
    if (result.mode === "replace_draft") revalidatePath(`/flows/${result.flowId}`, "layout");
    return {
      data: { flowId: result.flowId, slug: result.slug, mode: result.mode, draftRevision: result.draftRevision },
      audit: {
        action: result.mode === "new" ? "flow.imported" : "flow.draft_replaced",
        resourceType: "flow",
        resourceId: result.flowId,
        before: result.previousDraftRevision === null ? undefined : { draftRevision: result.previousDraftRevision },
        after: {
          slug: result.slug,
          name: result.name,
          nodes: result.nodeCount,
          edges: result.edgeCount,
          draftRevision: result.draftRevision,
        },
        metadata: result.diff ? { ...result.diff } : undefined,
      },
    };
  },
});
