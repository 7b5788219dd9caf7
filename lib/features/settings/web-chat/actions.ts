"use server";
import { defineAction } from "@/lib/features/define-action";
import { forgetChatEmbedOrigins } from "@/lib/features/chat/embed-origins";
import { embedOriginsSchema, setChatEmbedOrigins } from "./embed-origins";

const saveEmbedOrigins = defineAction({
  permission: "settings.manage",
  schema: embedOriginsSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await setChatEmbedOrigins(tx, member.workspaceId, input.origins);
    return {
      data: { origins: result.after.origins, changed: result.changed, workspaceSlug: result.slug },
      audit: result.changed
        ? {
            action: "workspace.chat_embed_origins_changed",
            resourceType: "workspace",
            resourceId: member.workspaceId,
            before: result.before,
            after: result.after,
          }
        : [],
    };
  },
});

/** Admins list the sites that may frame the public chat; the chat pages follow once the change has committed. */
export async function setChatEmbedOriginsAction(input: { origins: string }) {
  const result = await saveEmbedOrigins(input);
  if (result.ok) forgetChatEmbedOrigins(result.data.workspaceSlug);
  return result;
}
