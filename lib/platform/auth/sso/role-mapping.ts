// From an identity provider's claims to a workspace role. Pure: the provisioning applies the result.
import { ROLES, type Role } from "@/lib/model/permissions";
import type { SsoConfig } from "./config";

/**
 * The strings at a claim path. A literal name wins over a dotted path, so namespaced claims such as
 * "https://acme.example/roles" (Okta, Auth0) work as well as Keycloak's realm_access.roles.
 */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = path in claims ? claims[path] : undefined;
  if (value === undefined) {
    value = path
      .split(".")
      .reduce<unknown>(
        (node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
        claims,
      );
  }
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}

/** The highest mapped role (ROLES is ordered admin first), else the default role, else null (refused). */
export function mapRole(values: string[], config: Pick<SsoConfig, "roleMap" | "defaultRole">): Role | null {
  // Keycloak sends group paths ("/sb-admins") when "full group path" is on; either spelling matches.
  const held = new Set(values.flatMap((value) => [value, value.replace(/^\//, "")]));
  const mapped = config.roleMap.filter((mapping) => held.has(mapping.value)).map((mapping) => mapping.role);
  const highest = ROLES.find((role) => mapped.includes(role));
  return highest ?? config.defaultRole;
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}
