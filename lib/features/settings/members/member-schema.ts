// The one schema for a workspace member, shared by the settings forms (client) and the server actions.
// Variants are derived with pick/extend so a rule (e.g. the password length) is written once.
import { z } from "zod";
import { ROLES } from "@/lib/model/permissions";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/model/limits";

export const memberSchema = z.object({
  userId: z.string().min(1, "Choose a member.").max(64),
  name: z.string().trim().min(1, "Enter a name.").max(100, "At most 100 characters."),
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(200, "At most 200 characters."),
  role: z.enum(ROLES, { message: "Choose a role." }),
  // Only the lengths here: the rest of the password policy (lib/model/password-policy.ts) needs to know whose it is.
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
});

export const inviteMemberSchema = memberSchema.pick({ email: true, role: true });
export const invitationIdSchema = z.object({ invitationId: z.string().min(1, "Choose an invitation.").max(64) });
export const changeMemberRoleSchema = memberSchema.pick({ userId: true, role: true });
export const removeMemberSchema = memberSchema.pick({ userId: true });

export type InviteMemberInput = z.input<typeof inviteMemberSchema>;
export type ChangeMemberRoleInput = z.input<typeof changeMemberRoleSchema>;
export type RemoveMemberInput = z.input<typeof removeMemberSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(200),
    newPassword: memberSchema.shape.password,
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password you are not using now.",
  });

export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
