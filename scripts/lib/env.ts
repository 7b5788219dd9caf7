// Reads and checks the environment once, with messages a person can act on.
import { z } from "zod";
import { readSsoConfig, SsoConfigError } from "@/lib/platform/auth/sso/config";

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .trim()
    .refine(
      (v) => /^postgres(ql)?:\/\/.+/.test(v),
      "DATABASE_URL must look like postgresql://user:password@host:5432/database",
    )
    .optional(),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters").optional(),
  NEXTAUTH_URL: z.string().url("NEXTAUTH_URL must be a full URL such as http://localhost:3000").optional(),
  ADMIN_EMAIL: z.string().email("ADMIN_EMAIL must be an email address").optional(),
  ADMIN_PASSWORD: z.string().min(10, "ADMIN_PASSWORD must be at least 10 characters").optional(),
  SWITCHBOARD_DATA_DIR: z.string().min(1).optional(),
  WEB_HEAP_MB: z.coerce.number().int("WEB_HEAP_MB must be a whole number of megabytes").min(0).default(256),
});

export type StartEnv = z.output<typeof schema>;

export function readEnv(env: Record<string, string | undefined> = process.env): StartEnv {
  // Empty strings count as unset: `FOO= npm start` should not be an error.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(present);
  const lines = parsed.success ? [] : parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  // SSO (lib/platform/auth/sso/config.ts) is checked here too, so a half-configured provider stops the start, not a sign-in.
  try {
    readSsoConfig(env);
  } catch (error) {
    if (!(error instanceof SsoConfigError)) throw error;
    lines.push(...error.problems.map((problem) => `  ${problem}`));
  }
  if (!parsed.success || lines.length > 0) {
    throw new Error(`The environment is not valid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
