// The accept page's forms, shared by the browser (instant feedback) and the server actions.
import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/model/limits";

// Any string up to a sane length: a malformed token gets the same "not valid any more" answer as an expired one.
const token = z.string().max(200);

export const acceptInvitationSchema = z.object({ token });

export const acceptWithNewAccountSchema = z
  .object({
    token,
    name: z.string().trim().min(1, "Enter your name.").max(100, "At most 100 characters."),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
    confirmPassword: z.string().max(MAX_PASSWORD_LENGTH),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords are not the same.",
  });

export type AcceptWithNewAccountInput = z.input<typeof acceptWithNewAccountSchema>;
