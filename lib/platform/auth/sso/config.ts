// SSO (OpenID Connect) settings, read from the environment once and checked with messages a person can act on.
// No "server-only" import: scripts/start.ts runs the same checks before anything starts.
import { z } from "zod";
import { ROLES, type Role } from "@/lib/model/permissions";
import { processEnv } from "@/lib/platform/config";

export type SsoRoleMapping = { value: string; role: Role };

export type SsoConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The sign-in button says "Sign in with <name>". */
  name: string;
  scopes: string;
  /** Where the groups/roles are in the claims: a top-level name or a dotted path (realm_access.roles). */
  roleClaim: string;
  roleMap: SsoRoleMapping[];
  defaultRole: Role | null;
  /** The workspace people join; null = the oldest workspace. */
  workspaceSlug: string | null;
  /** Lower-case email domains allowed to sign in; empty = any. */
  allowedDomains: string[];
};

/** What the settings pages may show: never the client secret. */
export type SsoSummary = { issuer: string; name: string };

const REQUIRED = ["SSO_OIDC_ISSUER", "SSO_OIDC_CLIENT_ID", "SSO_OIDC_CLIENT_SECRET"] as const;
const ROLE_LIST = ROLES.join(", ");
const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

function isLocalHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

const issuerSchema = z
  .string()
  .trim()
  .refine(
    (value) => URL.canParse(value),
    "SSO_OIDC_ISSUER must be the issuer's URL, e.g. https://sso.example.com/realms/acme",
  )
  .refine((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    // Tokens and the client secret travel to the issuer: plain http only for a provider on this machine.
    return url.protocol === "https:" || (url.protocol === "http:" && isLocalHost(url.hostname));
  }, "SSO_OIDC_ISSUER must use https:// (plain http:// is accepted only for localhost)")
  .transform((value) => value.replace(/\/+$/, ""));

const roleMapSchema = z
  .string()
  .trim()
  .transform((raw, ctx): SsoRoleMapping[] => {
    const mappings: SsoRoleMapping[] = [];
    // Entries are separated by commas, or by semicolons when group names contain commas (LDAP DNs).
    const separator = raw.includes(";") ? ";" : ",";
    for (const entry of raw
      .split(separator)
      .map((part) => part.trim())
      .filter(Boolean)) {
      // The last "=" separates: group names may contain one (cn=admins), roles never do.
      const at = entry.lastIndexOf("=");
      const value = at > 0 ? entry.slice(0, at).trim() : "";
      const role =
        at > 0
          ? entry
              .slice(at + 1)
              .trim()
              .toLowerCase()
          : "";
      if (!value || !role) {
        ctx.addIssue({
          code: "custom",
          message: `SSO_ROLE_MAP entry "${entry}" must look like group=role, e.g. sb-admins=admin`,
        });
        continue;
      }
      if (!isRole(role)) {
        ctx.addIssue({
          code: "custom",
          message: `SSO_ROLE_MAP entry "${entry}": "${role}" is not a role (${ROLE_LIST})`,
        });
        continue;
      }
      mappings.push({ value, role });
    }
    return mappings;
  });

const domainsSchema = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const domains = raw
      .split(",")
      .map((part) => part.trim().toLowerCase().replace(/^@/, ""))
      .filter(Boolean);
    for (const domain of domains) {
      if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) {
        ctx.addIssue({
          code: "custom",
          message: `SSO_ALLOWED_DOMAINS: "${domain}" is not a domain such as example.com`,
        });
      }
    }
    return domains;
  });

const schema = z
  .object({
    SSO_OIDC_ISSUER: issuerSchema,
    SSO_OIDC_CLIENT_ID: z.string().trim().min(1),
    SSO_OIDC_CLIENT_SECRET: z.string().min(1),
    SSO_OIDC_NAME: z.string().trim().max(40, "SSO_OIDC_NAME is the button label: at most 40 characters").default("SSO"),
    SSO_OIDC_SCOPES: z
      .string()
      .trim()
      .default("openid email profile")
      .transform((value) =>
        value
          .split(/[\s,]+/)
          .filter(Boolean)
          .join(" "),
      )
      .refine(
        (value) => value.split(" ").includes("openid"),
        'SSO_OIDC_SCOPES must include openid, e.g. "openid email profile"',
      ),
    SSO_ROLE_CLAIM: z
      .string()
      .trim()
      .default("groups")
      .refine(
        (value) => /^[^\s]+$/.test(value),
        "SSO_ROLE_CLAIM is a claim name or dotted path without spaces, e.g. groups or realm_access.roles",
      ),
    SSO_ROLE_MAP: roleMapSchema.optional(),
    SSO_DEFAULT_ROLE: z
      .string()
      .trim()
      .toLowerCase()
      .refine(isRole, `SSO_DEFAULT_ROLE must be one of ${ROLE_LIST}`)
      .optional(),
    SSO_WORKSPACE: z
      .string()
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9-]*$/,
        "SSO_WORKSPACE is a workspace slug (lower-case letters, digits and dashes), e.g. acme",
      )
      .optional(),
    SSO_ALLOWED_DOMAINS: domainsSchema.optional(),
  })
  .refine((env) => (env.SSO_ROLE_MAP?.length ?? 0) > 0 || env.SSO_DEFAULT_ROLE, {
    message:
      "Set SSO_ROLE_MAP (e.g. sb-admins=admin,sb-ops=operator) or SSO_DEFAULT_ROLE: without either, nobody could sign in with SSO",
    path: ["SSO_ROLE_MAP"],
  });

export class SsoConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`SSO is not configured correctly:\n${problems.map((line) => `  ${line}`).join("\n")}`);
    this.name = "SsoConfigError";
  }
}

/**
 * The full SSO configuration (with the client secret: server-side sign-in only), or null when no SSO_* variable is
 * set. Throws SsoConfigError naming every problem when the variables are set but incomplete or malformed.
 */
export function readSsoConfig(env: Record<string, string | undefined> = processEnv()): SsoConfig | null {
  // Empty strings count as unset, as in the start-up checks (`SSO_OIDC_ISSUER= npm start`).
  const present = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key.startsWith("SSO_") && value !== undefined && value.trim() !== ""),
  );
  if (Object.keys(present).length === 0) return null;

  const missing = REQUIRED.filter((key) => !(key in present));
  if (missing.length > 0) {
    throw new SsoConfigError([
      `SSO is partly configured: set ${REQUIRED.join(", ")} together (missing: ${missing.join(", ")}), or unset every SSO_* variable to turn SSO off`,
    ]);
  }
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new SsoConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? "");
        // Our own messages already name the variable; zod's generic ones ("Too small") do not.
        return issue.message.includes(key) ? issue.message : `${key}: ${issue.message}`;
      }),
    );
  }
  const data = parsed.data;
  return {
    issuer: data.SSO_OIDC_ISSUER,
    clientId: data.SSO_OIDC_CLIENT_ID,
    clientSecret: data.SSO_OIDC_CLIENT_SECRET,
    name: data.SSO_OIDC_NAME || "SSO",
    scopes: data.SSO_OIDC_SCOPES,
    roleClaim: data.SSO_ROLE_CLAIM,
    roleMap: data.SSO_ROLE_MAP ?? [],
    defaultRole: (data.SSO_DEFAULT_ROLE as Role | undefined) ?? null,
    workspaceSlug: data.SSO_WORKSPACE ?? null,
    allowedDomains: data.SSO_ALLOWED_DOMAINS ?? [],
  };
}

/**
 * Whether SSO is on, for pages (the sign-in button, Settings → Integrations): `{ issuer, name }` or null, never the
 * client secret, so it is safe to hand to a client component.
 */
export function ssoConfigFromEnv(env: Record<string, string | undefined> = processEnv()): SsoSummary | null {
  const config = readSsoConfig(env);
  return config ? { issuer: config.issuer, name: config.name } : null;
}
