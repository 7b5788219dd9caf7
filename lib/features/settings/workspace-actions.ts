"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/lib/features/define-action";
import { WORKSPACE_COOKIE } from "@/lib/platform/auth/current-member";
import { AppError } from "@/lib/model/errors";

const switchWorkspaceSchema = z.object({ workspaceId: z.string().min(1).max(64) });

/** People who belong to several workspaces choose which one the console shows; membership is checked here. */
export const switchWorkspaceAction = defineAction({
  permission: "settings.read",
  schema: switchWorkspaceSchema,
  handler: async ({ workspaceId }, { member, tx }) => {
    const membership = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId, userId: member.userId } },
      select: { workspace: { select: { name: true } } },
    });
    if (!membership) throw new AppError("FORBIDDEN", { userMessage: "You are not a member of that workspace." });
    (await cookies()).set(WORKSPACE_COOKIE, workspaceId, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
    });
    return {
      data: { workspaceId },
      audit: {
        action: "session.workspace_switched",
        resourceType: "workspace",
        resourceId: workspaceId,
        before: { workspaceId: member.workspaceId },
        after: { workspaceId, name: membership.workspace.name },
      },
    };
  },
});
