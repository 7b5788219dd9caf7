"use server";
import { defineAction } from "@/lib/features/define-action";
import { assistantNameSchema, setAssistantName } from "./assistant-name";
import { reopenWindowSchema, setReopenWindow } from "./reopen-window";
import { chatIdentitySecretSchema, setChatIdentitySecret } from "./chat-identity-secret";

export const setReopenWindowAction = defineAction({
  permission: "settings.manage",
  schema: reopenWindowSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await setReopenWindow(tx, member.workspaceId, input.days);
    return {
      data: { days: result.after.days, changed: result.changed },
      // Setting the value it already has changes nothing, so there is nothing to audit.
      audit: result.changed
        ? {
            action: "workspace.reopen_window_changed",
            resourceType: "workspace",
            resourceId: member.workspaceId,
            before: result.before,
            after: result.after,
          }
        : [],
    };
  },
});

export const setAssistantNameAction = defineAction({
  permission: "settings.manage",
  schema: assistantNameSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await setAssistantName(tx, member.workspaceId, input.name);
    return {
      data: { name: result.after.name, changed: result.changed },
      audit: result.changed
        ? {
            action: "workspace.assistant_name_changed",
            resourceType: "workspace",
            resourceId: member.workspaceId,
            before: result.before,
            after: result.after,
          }
        : [],
    };
  },
});

/** Generates (or replaces) the web chat's identity-verification secret, or turns it off; the secret is shown once. */
export const setChatIdentitySecretAction = defineAction({
  permission: "settings.manage",
  schema: chatIdentitySecretSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await setChatIdentitySecret(tx, member.workspaceId, input.enabled);
    return {
      data: { secret: result.secret },
      audit: {
        action: input.enabled ? "workspace.chat_identity_secret_rotated" : "workspace.chat_identity_secret_removed",
        resourceType: "workspace",
        resourceId: member.workspaceId,
        before: result.before,
        after: result.after,
      },
    };
  },
});
