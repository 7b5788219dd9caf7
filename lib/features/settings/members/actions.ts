"use server";
// Member management. Every action goes through defineAction: session → permission → zod → domain call in a
// transaction with its audit entry → revalidate.
import { z } from "zod";
import { defineAction } from "@/lib/features/define-action";
import { addMember } from "@/lib/features/settings/members/add-member";
import { changeMemberRole } from "@/lib/platform/auth/change-member-role";
import { endSessions } from "@/lib/platform/auth/session-version";
import { changeOwnPassword } from "@/lib/features/settings/members/change-own-password";
import {
  addMemberSchema,
  changeMemberRoleSchema,
  changePasswordSchema,
  removeMemberSchema,
} from "@/lib/features/settings/members/member-schema";
import { removeMember } from "@/lib/features/settings/members/remove-member";

export const addMemberAction = defineAction({
  permission: "members.manage",
  schema: addMemberSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await addMember(tx, { workspaceId: member.workspaceId, ...input });
    return {
      data: result.member,
      audit: {
        action: "member.added",
        resourceType: "membership",
        resourceId: result.member.userId,
        before: result.before,
        after: result.after,
      },
    };
  },
});

export const changeMemberRoleAction = defineAction({
  permission: "members.manage",
  schema: changeMemberRoleSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await changeMemberRole(tx, {
      workspaceId: member.workspaceId,
      userId: input.userId,
      role: input.role,
    });
    return {
      data: result.member,
      // Setting the role it already has changes nothing, so there is nothing to audit.
      audit: result.member.changed
        ? [
            {
              action: "member.role_changed",
              resourceType: "membership",
              resourceId: input.userId,
              before: result.before,
              after: result.after,
            },
            ...(result.sessionsEnded ? [result.sessionsEnded] : []),
          ]
        : [],
    };
  },
});

export const removeMemberAction = defineAction({
  permission: "members.manage",
  schema: removeMemberSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await removeMember(tx, {
      workspaceId: member.workspaceId,
      userId: input.userId,
      actorUserId: member.userId,
    });
    return {
      data: result.removed,
      audit: [
        {
          action: "member.removed",
          resourceType: "membership",
          resourceId: input.userId,
          before: result.before,
          after: result.after,
        },
        ...(result.sessionsEnded ? [result.sessionsEnded] : []),
      ],
    };
  },
});

// Everyone may change their own password; the audit entry records that it changed, never the value. Every session
// ends with it, this browser's too: the form signs in again with the new password (it returns the e-mail for that).
export const changeOwnPasswordAction = defineAction({
  permission: "settings.read",
  schema: changePasswordSchema,
  handler: async (input, { member, tx }) => {
    const result = await changeOwnPassword(tx, { userId: member.userId, ...input });
    return {
      data: { email: result.email },
      audit: [
        { action: "user.password_changed", resourceType: "user", resourceId: member.userId },
        ...(result.sessionsEnded ? [result.sessionsEnded] : []),
      ],
    };
  },
});

// Everyone may end all their own sessions (a lost laptop, a shared computer); the browser then signs out itself.
export const signOutEverywhereAction = defineAction({
  permission: "settings.read",
  schema: z.object({}).strict(),
  handler: async (_input, { member, tx }) => {
    const ended = await endSessions(tx, member.userId, "signed_out_everywhere");
    return { data: { ended: ended !== null }, audit: ended ? [ended] : [] };
  },
});
