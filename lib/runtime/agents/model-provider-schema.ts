// One schema for a model provider, shared by the settings form, the server actions and the domain functions.
// Safe to import from client components (no Node APIs).
import { z } from "zod";

/** Provider names appear in agent model specs as "<name>/<model>", so no slash and no spaces. */
export const PROVIDER_NAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,39}$/;
export { DEFAULT_PROVIDER_NAME } from "@/lib/model/flow/model-spec";

const httpUrl = z
  .string()
  .trim()
  .min(1, "Enter the base URL, e.g. https://api.openai.com/v1.")
  .max(500, "URLs are limited to 500 characters.")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "Use an http:// or https:// URL without credentials in it, e.g. https://api.openai.com/v1.")
  .transform((value) => value.replace(/\/+$/, ""));

const modelName = z.string().trim().max(100, "Model names are limited to 100 characters.");

export const modelProviderFields = z.object({
  name: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      PROVIDER_NAME_PATTERN,
      "Use 1–40 lowercase letters, digits, '.', '-' or '_' (it is written before the model: name/model).",
    ),
  baseUrl: httpUrl,
  /** Write-only. Empty on update keeps the stored key. */
  apiKey: z.string().trim().max(1000, "Keys are limited to 1000 characters.").optional().default(""),
  defaultModel: modelName.min(1, "Name the model agents use by default, e.g. gpt-4o-mini."),
  fallbackModel: modelName.optional().default(""),
  timeoutMs: z.coerce
    .number({ error: "Enter a number of milliseconds." })
    .int("Whole milliseconds only.")
    .min(1000, "At least 1000 ms.")
    .max(300_000, "At most 300000 ms (5 minutes).")
    .default(30_000),
  maxRetries: z.coerce
    .number({ error: "Enter a number." })
    .int("A whole number.")
    .min(0, "0 or more.")
    .max(5, "At most 5.")
    .default(2),
});

export const createModelProviderSchema = modelProviderFields;
export type CreateModelProviderInput = z.output<typeof createModelProviderSchema>;

export const updateModelProviderSchema = modelProviderFields.extend({
  id: z.string().min(1).max(100),
  /** Removes the stored key (for local servers that need none). Ignored when a new key is given. */
  clearApiKey: z.boolean().optional().default(false),
});
export type UpdateModelProviderInput = z.output<typeof updateModelProviderSchema>;

export const modelProviderIdSchema = z.object({ id: z.string().min(1).max(100) });

/** What lists and the browser get: never the key, only whether there is one and its last four characters. */
export type ModelProviderView = {
  id: string;
  name: string;
  baseUrl: string;
  defaultModel: string;
  fallbackModel: string | null;
  timeoutMs: number;
  maxRetries: number;
  hasKey: boolean;
  apiKeyHint: string | null;
  createdAt: string;
  updatedAt: string;
};
