import { MIN_PASSWORD_LENGTH } from "@/lib/model/limits";

/** The policy in one line, under every field where a person chooses a password. */
export const PASSWORD_POLICY_HINT = `At least ${MIN_PASSWORD_LENGTH} characters, hard to guess (a few uncommon words work well), without your name or e-mail.`;
