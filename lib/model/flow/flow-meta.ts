// A flow's name, slug and description: one schema shared by the create dialog, the create action and import.
import { z } from "zod";

export const flowSlugSchema = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(64, "Use at most 64 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens, e.g. returns-desk.");

export const flowMetaSchema = z.object({
  name: z.string().trim().min(1, "Give the flow a name.").max(80, "Use at most 80 characters."),
  slug: flowSlugSchema,
  description: z.string().trim().max(500, "Use at most 500 characters.").default(""),
});

export type FlowMetaInput = z.input<typeof flowMetaSchema>;

/** A slug suggestion from a name: "Returns desk (EU)" → "returns-desk-eu". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/g, "");
}
