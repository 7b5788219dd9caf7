// Form and server-action schemas for API keys; safe to import from client components (no Node APIs).
import { z } from "zod";

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Give the key a name.").max(80, "Names are limited to 80 characters."),
});

export const revokeApiKeySchema = z.object({ apiKeyId: z.string().min(1).max(100) });
