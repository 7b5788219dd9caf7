"use server";
// Canned replies: add, edit, delete. Validated by the shared schema, audited with before/after.
import { z } from "zod";
import { defineAction } from "@/lib/features/define-action";
import { createCannedReply, deleteCannedReply, updateCannedReply } from "@/lib/features/inbox/canned-replies";
import { cannedReplySchema } from "@/lib/features/inbox/canned-reply-schema";

const id = z.string().trim().min(1).max(64);
const revalidate = ["/inbox/canned", "/inbox"];

export const createCannedReplyAction = defineAction({
  permission: "canned_reply.manage",
  schema: cannedReplySchema,
  revalidate,
  handler: async (input, { member, tx }) => {
    const created = await createCannedReply(tx, member, input);
    return {
      data: created,
      audit: {
        action: "canned_reply.created",
        resourceType: "canned_reply",
        resourceId: created.id,
        after: { title: created.title, body: created.body },
      },
    };
  },
});

export const updateCannedReplyAction = defineAction({
  permission: "canned_reply.manage",
  schema: cannedReplySchema.extend({ id }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const { before, after } = await updateCannedReply(tx, member, input);
    return {
      data: after,
      audit: {
        action: "canned_reply.updated",
        resourceType: "canned_reply",
        resourceId: after.id,
        before: { title: before.title, body: before.body },
        after: { title: after.title, body: after.body },
      },
    };
  },
});

export const deleteCannedReplyAction = defineAction({
  permission: "canned_reply.manage",
  schema: z.object({ id }),
  revalidate,
  handler: async (input, { member, tx }) => {
    const { before } = await deleteCannedReply(tx, member, input);
    return {
      data: { id: before.id },
      audit: {
        action: "canned_reply.deleted",
        resourceType: "canned_reply",
        resourceId: before.id,
        before: { title: before.title, body: before.body },
      },
    };
  },
});
