// SSO settings from the environment: all-or-nothing, with messages that name the variable and the fix.
import { describe, expect, it } from "vitest";
import { readSsoConfig, ssoConfigFromEnv, SsoConfigError } from "@/lib/platform/auth/sso/config";
import { claimValues, mapRole } from "@/lib/platform/auth/sso/role-mapping";
import { readEnv } from "@/scripts/lib/env";

const base = {
  SSO_OIDC_ISSUER: "https://sso.acme.test/realms/acme/",
  SSO_OIDC_CLIENT_ID: "switchboard",
  SSO_OIDC_CLIENT_SECRET: "s3cret-value",
  SSO_ROLE_MAP: "sb-admins=admin, sb-designers=designer,sb-ops=operator,sb-audit=auditor",
};

function problems(env: Record<string, string>): string {
  try {
    readSsoConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(SsoConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("readSsoConfig", () => {
  it("is off when no SSO_* variable is set (empty ones count as unset)", () => {
    expect(readSsoConfig({ PORT: "3000" })).toBeNull();
    expect(readSsoConfig({ SSO_OIDC_ISSUER: "", SSO_OIDC_CLIENT_ID: " " })).toBeNull();
    expect(ssoConfigFromEnv({})).toBeNull();
  });

  it("reads a full configuration with defaults", () => {
    const config = readSsoConfig(base)!;
    expect(config).toEqual({
      issuer: "https://sso.acme.test/realms/acme",
      clientId: "switchboard",
      clientSecret: "s3cret-value",
      name: "SSO",
      scopes: "openid email profile",
      roleClaim: "groups",
      roleMap: [
        { value: "sb-admins", role: "admin" },
        { value: "sb-designers", role: "designer" },
        { value: "sb-ops", role: "operator" },
        { value: "sb-audit", role: "auditor" },
      ],
      defaultRole: null,
      workspaceSlug: null,
      allowedDomains: [],
    });
  });

  it("reads the optional settings", () => {
    const config = readSsoConfig({
      ...base,
      SSO_OIDC_NAME: "Okta",
      SSO_OIDC_SCOPES: "openid,email profile groups",
      SSO_ROLE_CLAIM: "realm_access.roles",
      SSO_ROLE_MAP: "cn=sb-admins,ou=groups=admin; cn=sb-ops,ou=groups=operator",
      SSO_DEFAULT_ROLE: "Auditor",
      SSO_WORKSPACE: "acme",
      SSO_ALLOWED_DOMAINS: "@Acme.test, acme.example",
    })!;
    expect(config.name).toBe("Okta");
    expect(config.scopes).toBe("openid email profile groups");
    expect(config.roleClaim).toBe("realm_access.roles");
    // Semicolons separate entries whose group names hold commas; the last "=" separates the role.
    expect(config.roleMap).toEqual([
      { value: "cn=sb-admins,ou=groups", role: "admin" },
      { value: "cn=sb-ops,ou=groups", role: "operator" },
    ]);
    expect(config.defaultRole).toBe("auditor");
    expect(config.workspaceSlug).toBe("acme");
    expect(config.allowedDomains).toEqual(["acme.test", "acme.example"]);
  });

  it("refuses a partial configuration, naming what is missing", () => {
    const message = problems({ SSO_OIDC_ISSUER: "https://sso.acme.test" });
    expect(message).toContain("missing: SSO_OIDC_CLIENT_ID, SSO_OIDC_CLIENT_SECRET");
    expect(problems({ SSO_ROLE_MAP: "a=admin" })).toContain(
      "missing: SSO_OIDC_ISSUER, SSO_OIDC_CLIENT_ID, SSO_OIDC_CLIENT_SECRET",
    );
  });

  it("names each malformed variable with the fix", () => {
    const message = problems({
      ...base,
      SSO_OIDC_ISSUER: "http://sso.acme.test",
      SSO_OIDC_SCOPES: "email profile",
      SSO_ROLE_MAP: "sb-admins=superuser,nonsense",
      SSO_DEFAULT_ROLE: "owner",
      SSO_WORKSPACE: "Acme Inc",
      SSO_ALLOWED_DOMAINS: "acme",
    });
    expect(message).toContain("SSO_OIDC_ISSUER must use https://");
    expect(message).toContain("SSO_OIDC_SCOPES must include openid");
    expect(message).toContain('"superuser" is not a role (admin, designer, operator, auditor)');
    expect(message).toContain('SSO_ROLE_MAP entry "nonsense" must look like group=role');
    expect(message).toContain("SSO_DEFAULT_ROLE must be one of admin, designer, operator, auditor");
    expect(message).toContain("SSO_WORKSPACE is a workspace slug");
    expect(message).toContain('SSO_ALLOWED_DOMAINS: "acme" is not a domain');
    expect(message).not.toContain("s3cret-value");
  });

  it("accepts plain http only for a provider on this machine", () => {
    expect(readSsoConfig({ ...base, SSO_OIDC_ISSUER: "http://localhost:3261" })!.issuer).toBe("http://localhost:3261");
    expect(problems({ ...base, SSO_OIDC_ISSUER: "not a url" })).toContain("SSO_OIDC_ISSUER must be the issuer's URL");
  });

  it("refuses a configuration that could never let anyone in", () => {
    const { SSO_ROLE_MAP: _omit, ...withoutMap } = base;
    expect(problems(withoutMap)).toContain("Set SSO_ROLE_MAP");
    expect(readSsoConfig({ ...withoutMap, SSO_DEFAULT_ROLE: "operator" })!.defaultRole).toBe("operator");
  });

  it("stops `npm start` with the same messages, beside the other variables' problems", () => {
    expect(() => readEnv({ PORT: "http", SSO_OIDC_ISSUER: "https://sso.acme.test" })).toThrow(
      /PORT[\s\S]*SSO is partly configured: set SSO_OIDC_ISSUER, SSO_OIDC_CLIENT_ID, SSO_OIDC_CLIENT_SECRET together/,
    );
    expect(readEnv({ ...base, PORT: "3100" }).PORT).toBe(3100);
  });

  it("gives pages a summary without the client secret", () => {
    const summary = ssoConfigFromEnv({ ...base, SSO_OIDC_NAME: "Keycloak" });
    expect(summary).toEqual({ issuer: "https://sso.acme.test/realms/acme", name: "Keycloak" });
    expect(JSON.stringify(summary)).not.toContain("s3cret");
  });
});

describe("role mapping", () => {
  const config = readSsoConfig(base)!;

  it("reads top-level claims, dotted paths and namespaced claim names", () => {
    expect(claimValues({ groups: ["a", 1, "b"] }, "groups")).toEqual(["a", "b"]);
    expect(claimValues({ realm_access: { roles: ["sb-ops"] } }, "realm_access.roles")).toEqual(["sb-ops"]);
    expect(claimValues({ "https://acme.test/roles": "sb-ops" }, "https://acme.test/roles")).toEqual(["sb-ops"]);
    expect(claimValues({}, "groups")).toEqual([]);
  });

  it("gives the highest mapped role, else the default, else none", () => {
    expect(mapRole(["everyone", "sb-ops", "sb-admins"], config)).toBe("admin");
    expect(mapRole(["sb-audit", "sb-ops"], config)).toBe("operator");
    expect(mapRole(["/sb-designers"], config)).toBe("designer"); // Keycloak's full group path
    expect(mapRole(["everyone"], config)).toBeNull();
    expect(mapRole(["everyone"], { ...config, defaultRole: "auditor" })).toBe("auditor");
  });
});
