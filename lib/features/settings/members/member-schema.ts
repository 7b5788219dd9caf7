// The one schema for a workspace member, shared by the settings forms (client) and the server actions.
// Variants are derived with pick/extend so a rule (e.g. the password length) is written once.
import { z } from "zod";
import { ROLES } from "@/lib/model/permissions";

export const MIN_PASSWORD_LENGTH = 10;

export const memberSchema = z.object({
  userId: z.string().min(1, "Choose a member.").max(64),
  name: z.string().trim().min(1, "Enter a name.").max(100, "At most 100 characters."),
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(200, "At most 200 characters."),
  role: z.enum(ROLES, { message: "Choose a role." }),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(200, "At most 200 characters."),
});

export const addMemberSchema = memberSchema.pick({ name: true, email: true, role: true, password: true });
export const changeMemberRoleSchema = memberSchema.pick({ userId: true, role: true });
export const removeMemberSchema = memberSchema.pick({ userId: true });

export type AddMemberInput = z.input<typeof addMemberSchema>;
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
