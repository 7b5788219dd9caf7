"use server";
// Member management. Every action goes through defineAction: session → permission → zod → domain call in a
// transaction with its audit entry → revalidate.
import { z } from "zod";
import { defineAction } from "@/lib/features/define-action";
import { inviteMember } from "@/lib/features/settings/members/invite-member";
import { reissueInvitation, revokeInvitation } from "@/lib/features/settings/members/manage-invitations";
import { changeMemberRole } from "@/lib/platform/auth/change-member-role";
import { endSessions } from "@/lib/platform/auth/session-version";
import { changeOwnPassword } from "@/lib/features/settings/members/change-own-password";
import {
  changeMemberRoleSchema,
  changePasswordSchema,
  invitationIdSchema,
  inviteMemberSchema,
  removeMemberSchema,
} from "@/lib/features/settings/members/member-schema";
import { removeMember } from "@/lib/features/settings/members/remove-member";

// Adding someone is an invitation: nothing is created for the person until they accept it. The audit entries never
// hold the link's token, which exists only in the answer to the admin.
export const inviteMemberAction = defineAction({
  permission: "members.manage",
  schema: inviteMemberSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await inviteMember(tx, { workspaceId: member.workspaceId, invitedById: member.userId, ...input });
    return {
      data: result.invitation,
      audit: {
        action: "member.invited",
        resourceType: "invitation",
        resourceId: result.invitation.invitationId,
        before: result.before,
        after: result.after,
      },
    };
  },
});

export const revokeInvitationAction = defineAction({
  permission: "members.manage",
  schema: invitationIdSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await revokeInvitation(tx, { workspaceId: member.workspaceId, invitationId: input.invitationId });
    return {
      data: result.revoked,
      audit: {
        action: "invitation.revoked",
        resourceType: "invitation",
        resourceId: input.invitationId,
        before: result.before,
      },
    };
  },
});

export const reissueInvitationAction = defineAction({
  permission: "members.manage",
  schema: invitationIdSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await reissueInvitation(tx, {
      workspaceId: member.workspaceId,
      invitationId: input.invitationId,
      invitedById: member.userId,
    });
    return {
      data: result.invitation,
      audit: {
        action: "invitation.reissued",
        resourceType: "invitation",
        resourceId: input.invitationId,
        before: result.before,
        after: { email: result.invitation.email, role: result.invitation.role, ...result.after },
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
