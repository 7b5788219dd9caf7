"use server";
// New flow from a template: through defineAction like every mutation (session → permission → zod → the flows, any
// sub-flows and the test suite created in one transaction, with an audit entry for each).
import { defineAction } from "@/lib/features/define-action";
import { createFlowFromTemplate } from "@/lib/features/flow-templates/create-from-template";
import { flowMetaSchema } from "@/lib/model/flow/flow-meta";
import { TEMPLATE_IDS } from "@/lib/model/flow/templates";
import { z } from "zod";

export const createFlowFromTemplateAction = defineAction({
  permission: "flow.edit",
  schema: flowMetaSchema.extend({ template: z.enum(TEMPLATE_IDS, { message: "Choose one of the templates." }) }),
  revalidate: ["/flows"],
  handler: async (input, { member, tx }) => {
    const { audit, ...data } = await createFlowFromTemplate(tx, member, input);
    return { data, audit };
  },
});
