"use server";
// Adding an internal note to a conversation. Any member who handles escalations may write one; the audit entry
// keeps its length, not its text (notes can hold what the customer told the operator).
import { defineAction } from "@/lib/features/define-action";
import { addNote, noteSchema } from "@/lib/features/inbox/notes";

export const addNoteAction = defineAction({
  permission: "escalation.handle",
  schema: noteSchema,
  revalidate: ["/inbox"],
  handler: async (input, { member, tx }) => {
    const note = await addNote(tx, member, input);
    return {
      data: note,
      audit: {
        action: "conversation_note.created",
        resourceType: "conversation_note",
        resourceId: note.id,
        after: { conversationId: note.conversationId, length: note.body.length },
      },
    };
  },
});
