"use server";
import { defineAction } from "@/lib/features/define-action";
import { assistantNameSchema, setAssistantName } from "./assistant-name";
import { reopenWindowSchema, setReopenWindow } from "./reopen-window";

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
