// The one schema for customer long-term memory, shared by the domain functions, the server actions and the forms.
// Variants are derived with pick/extend so a rule (a key's shape, the retention bounds) is written once.
import { z } from "zod";

export const MEMORY_KEY_MAX = 100;
export const MEMORY_VALUE_MAX = 2000;
export const MEMORY_SUMMARY_MAX = 2000;
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
/** How many conversation summaries recall hands the engine: the newest ones. */
export const RECALL_SUMMARY_LIMIT = 10;

const id = z.string().trim().min(1).max(64);

export const memoryFactSchema = z.object({
  workspaceId: id,
  customerId: id,
  /** A dotted name like `preferred.language`: the same shape the set_memory node writes. */
  key: z
    .string()
    .trim()
    .min(1, "Enter a key.")
    .max(MEMORY_KEY_MAX, `At most ${MEMORY_KEY_MAX} characters.`)
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, "Use a dotted name like preferred.language."),
  value: z.string().trim().min(1, "Enter a value.").max(MEMORY_VALUE_MAX, `At most ${MEMORY_VALUE_MAX} characters.`),
  conversationId: id.nullish(),
  stepId: z.string().trim().min(1).max(200).nullish(),
});
export type RememberFactInput = z.input<typeof memoryFactSchema>;

export const memorySummarySchema = memoryFactSchema.pick({ workspaceId: true, customerId: true }).extend({
  conversationId: id,
  summary: z
    .string()
    .trim()
    .min(1, "The summary is empty.")
    .max(MEMORY_SUMMARY_MAX, `At most ${MEMORY_SUMMARY_MAX} characters.`),
});
export type RememberSummaryInput = z.input<typeof memorySummarySchema>;

export const retentionDaysSchema = z.coerce
  .number({ message: "Enter a number of days." })
  .int("Use a whole number of days.")
  .min(MIN_RETENTION_DAYS, `At least ${MIN_RETENTION_DAYS} day.`)
  .max(MAX_RETENTION_DAYS, `At most ${MAX_RETENTION_DAYS} days (10 years).`);

export const setRetentionSchema = z.object({ days: retentionDaysSchema });
export type SetRetentionInput = z.input<typeof setRetentionSchema>;

export const eraseCustomerMemorySchema = z.object({
  customerId: id,
  /** The customer's ref typed again by the person erasing: a guard against erasing the wrong customer. */
  confirmRef: z.string().trim().min(1, "Type the customer's ref to confirm.").max(100),
  reason: z
    .string()
    .trim()
    .min(3, "Say why (e.g. the customer's erasure request).")
    .max(500, "At most 500 characters."),
});
export type EraseCustomerMemoryInput = z.input<typeof eraseCustomerMemorySchema>;
