"use server";
// Saving and deleting Inbox views. Reading the Inbox is enough to keep views of it.
import { defineAction } from "@/lib/features/define-action";
import { deleteView, deleteViewSchema, saveView, saveViewSchema } from "@/lib/features/inbox/saved-views";

export const saveViewAction = defineAction({
  permission: "conversation.read",
  schema: saveViewSchema,
  revalidate: ["/inbox"],
  handler: async (input, { member, tx }) => {
    const view = await saveView(tx, member, input);
    return {
      data: view,
      audit: {
        action: "inbox_view.created",
        resourceType: "inbox_view",
        resourceId: view.id,
        after: { name: view.name, query: view.query, shared: view.shared },
      },
    };
  },
});

export const deleteViewAction = defineAction({
  permission: "conversation.read",
  schema: deleteViewSchema,
  revalidate: ["/inbox"],
  handler: async (input, { member, tx }) => {
    const view = await deleteView(tx, member, input);
    return {
      data: { id: view.id },
      audit: {
        action: "inbox_view.deleted",
        resourceType: "inbox_view",
        resourceId: view.id,
        before: { name: view.name, query: view.query, shared: view.shared },
      },
    };
  },
});
