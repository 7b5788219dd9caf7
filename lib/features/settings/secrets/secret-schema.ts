// Workspace secrets (referenced by HTTP tools as {{secret.NAME}}): one schema for form, action and domain.
// Safe to import from client components.
import { z } from "zod";

export const SECRET_NAME_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;

const secretName = z
  .string()
  .trim()
  .regex(
    SECRET_NAME_PATTERN,
    "Use UPPER_SNAKE_CASE: a capital letter, then capitals, digits or _ (up to 64), e.g. CRM_TOKEN.",
  );
const secretValue = z.string().min(1, "Enter the value.").max(10_000, "Values are limited to 10000 characters.");

export const createSecretSchema = z.object({ name: secretName, value: secretValue });
export type CreateSecretInput = z.output<typeof createSecretSchema>;

/** A secret's value can be replaced, never read back. Renaming would break references: delete and add instead. */
export const updateSecretSchema = z.object({ id: z.string().min(1).max(100), value: secretValue });
export type UpdateSecretInput = z.output<typeof updateSecretSchema>;

export const secretIdSchema = z.object({ id: z.string().min(1).max(100) });

export type SecretView = { id: string; name: string; hint: string | null; createdAt: string; updatedAt: string };
