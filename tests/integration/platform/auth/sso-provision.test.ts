// SSO provisioning against Postgres: find by (issuer, subject), link by email, create; the role claim sets the
// workspace role on every sign-in; refusals are clear and audited. The claims are what the OIDC client verified.
import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/platform/auth/auth-options";
import { readSsoConfig, type SsoConfig } from "@/lib/platform/auth/sso/config";
import { provisionSsoUser } from "@/lib/platform/auth/sso/provision";
import { db } from "@/lib/platform/db/client";
import { seedUser, seedWorkspace } from "@/tests/support/factories";

const ISSUER = "https://sso.acme.test/realms/acme";

async function setUp(overrides: Partial<SsoConfig> = {}) {
  const { workspace, user: firstAdmin } = await seedWorkspace({ role: "admin" });
  const config: SsoConfig = {
    ...readSsoConfig({
      SSO_OIDC_ISSUER: ISSUER,
      SSO_OIDC_CLIENT_ID: "switchboard",
      SSO_OIDC_CLIENT_SECRET: "secret",
      SSO_ROLE_MAP: "sb-admins=admin,sb-designers=designer,sb-ops=operator,sb-audit=auditor",
    })!,
    workspaceSlug: workspace.slug,
    ...overrides,
  };
  return { workspace, firstAdmin, config };
}

let serial = 0;
function person(groups: string[], extra: Record<string, unknown> = {}) {
  serial += 1;
  return {
    sub: `subject-${serial}-${Date.now()}`,
    email: `person${serial}.${Date.now()}@Acme.test`,
    email_verified: true,
    name: `Person ${serial}`,
    groups,
    ...extra,
  };
}

const audits = (workspaceId: string, action: string) =>
  db().auditLog.findMany({ where: { workspaceId, action }, orderBy: { id: "asc" } });

async function role(workspaceId: string, userId: string) {
  return (await db().membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } }))?.role ?? null;
}

describe("provisionSsoUser", () => {
  it("creates a new person with the mapped role, no password, and audits it", async () => {
    const { workspace, config } = await setUp();
    const claims = person(["everyone", "sb-ops"]);
    const result = await provisionSsoUser(config, claims);

    expect(result).toMatchObject({
      ok: true,
      role: "operator",
      created: true,
      linked: false,
      workspaceId: workspace.id,
    });
    if (!result.ok) throw new Error("refused");
    const user = await db().user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user).toMatchObject({
      email: claims.email.toLowerCase(),
      name: claims.name,
      passwordHash: "",
      ssoIssuer: ISSUER,
      ssoSubject: claims.sub,
    });
    expect(user.lastSignInAt).not.toBeNull();
    expect(await role(workspace.id, user.id)).toBe("operator");

    const [added] = await audits(workspace.id, "member.added").then((rows) =>
      rows.filter((row) => row.resourceId === user.id),
    );
    expect(added).toMatchObject({
      actorType: "system",
      actorLabel: "sso",
      after: { email: user.email, role: "operator" },
    });
    const [signedIn] = await audits(workspace.id, "session.signed_in");
    expect(signedIn).toMatchObject({ actorType: "user", actorId: user.id, resourceId: user.id });
    expect(signedIn.metadata).toMatchObject({ method: "sso", issuer: ISSUER, role: "operator", created: true });
  });

  it("never lets a password sign in to an SSO-only account", async () => {
    const { config } = await setUp();
    const claims = person(["sb-ops"]);
    const result = await provisionSsoUser(config, claims);
    expect(result.ok).toBe(true);
    const credentials = authOptions.providers.find((provider) => provider.id === "credentials") as unknown as {
      options: { authorize: (raw: Record<string, string>) => Promise<unknown> };
    };
    expect(await credentials.options.authorize({ email: claims.email, password: "" })).toBeNull();
    expect(await credentials.options.authorize({ email: claims.email, password: "anything-at-all" })).toBeNull();
  });

  it("signs the same person in again by issuer and subject, following an email change at the provider", async () => {
    const { workspace, config } = await setUp();
    const claims = person(["sb-designers"]);
    const first = await provisionSsoUser(config, claims);
    const again = await provisionSsoUser(config, { ...claims, email: `renamed.${claims.email}` });
    expect(again).toMatchObject({ ok: true, created: false, linked: false, role: "designer" });
    if (!first.ok || !again.ok) throw new Error("refused");
    expect(again.userId).toBe(first.userId);
    expect((await db().user.findUniqueOrThrow({ where: { id: first.userId } })).email).toBe(
      `renamed.${claims.email}`.toLowerCase(),
    );
    expect(await audits(workspace.id, "user.email_changed")).toHaveLength(1);
  });

  it("links an existing password account with the same email, which keeps its password", async () => {
    const { workspace, config } = await setUp();
    const existing = await seedUser({ workspaceId: workspace.id, role: "auditor", password: "correct-horse-battery" });
    const result = await provisionSsoUser(config, person(["sb-ops"], { email: existing.email.toUpperCase() }));

    expect(result).toMatchObject({
      ok: true,
      userId: existing.id,
      linked: true,
      created: false,
      role: "operator",
      roleChanged: true,
    });
    const user = await db().user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(user.ssoIssuer).toBe(ISSUER);
    expect(user.passwordHash).toBe(existing.passwordHash);
    const [linked] = await audits(workspace.id, "user.sso_linked");
    expect(linked).toMatchObject({
      resourceId: existing.id,
      actorLabel: "sso",
      before: { ssoIssuer: null, ssoSubject: null },
    });
    expect(await db().user.count({ where: { email: existing.email } })).toBe(1);
  });

  it("follows the provider's groups on every sign-in, auditing each change", async () => {
    const { workspace, config } = await setUp();
    const claims = person(["sb-ops"]);
    const first = await provisionSsoUser(config, claims);
    if (!first.ok) throw new Error("refused");

    const promoted = await provisionSsoUser(config, { ...claims, groups: ["sb-ops", "sb-admins"] });
    expect(promoted).toMatchObject({ ok: true, role: "admin", roleChanged: true });
    expect(await role(workspace.id, first.userId)).toBe("admin");

    const unchanged = await provisionSsoUser(config, { ...claims, groups: ["sb-admins"] });
    expect(unchanged).toMatchObject({ ok: true, role: "admin", roleChanged: false });

    const demoted = await provisionSsoUser(config, { ...claims, groups: ["sb-audit"] });
    expect(demoted).toMatchObject({ ok: true, role: "auditor", roleChanged: true });

    const changes = (await audits(workspace.id, "member.role_changed")).filter(
      (row) => row.resourceId === first.userId,
    );
    expect(changes.map((row) => [row.actorType, row.actorLabel, row.before, row.after])).toEqual([
      [
        "system",
        "sso",
        { email: claims.email.toLowerCase(), role: "operator" },
        { email: claims.email.toLowerCase(), role: "admin" },
      ],
      [
        "system",
        "sso",
        { email: claims.email.toLowerCase(), role: "admin" },
        { email: claims.email.toLowerCase(), role: "auditor" },
      ],
    ]);
  });

  it("keeps the workspace's only admin an admin when the provider drops the group", async () => {
    const { workspace, firstAdmin, config } = await setUp();
    await db().membership.delete({
      where: { workspaceId_userId: { workspaceId: workspace.id, userId: firstAdmin.id } },
    });
    const claims = person(["sb-admins"]);
    const first = await provisionSsoUser(config, claims);
    if (!first.ok) throw new Error("refused");
    const result = await provisionSsoUser(config, { ...claims, groups: ["sb-ops"] });
    expect(result).toMatchObject({ ok: true, role: "admin", roleChanged: false });
    const signIns = await audits(workspace.id, "session.signed_in");
    expect(signIns.at(-1)!.metadata).toMatchObject({ note: "kept admin: the workspace's only admin" });
  });

  it("refuses someone with no mapped group and no default role, changing nothing", async () => {
    const { workspace, config } = await setUp();
    const claims = person(["everyone"]);
    expect(await provisionSsoUser(config, claims)).toEqual({ ok: false, reason: "no_role" });
    expect(await db().user.count({ where: { email: claims.email.toLowerCase() } })).toBe(0);
    const [failed] = await audits(workspace.id, "session.sign_in_failed");
    expect(failed).toMatchObject({ actorType: "system", actorLabel: "sso" });
    expect(failed.metadata).toMatchObject({
      method: "sso",
      issuer: ISSUER,
      reason: "no_role",
      email: claims.email.toLowerCase(),
      groups: ["everyone"],
    });
  });

  it("gives the default role to someone with no mapped group when one is set", async () => {
    const { config } = await setUp({ defaultRole: "auditor" });
    expect(await provisionSsoUser(config, person([]))).toMatchObject({ ok: true, role: "auditor" });
  });

  it("reads the role claim from a dotted path (Keycloak's realm roles)", async () => {
    const { config } = await setUp({ roleClaim: "realm_access.roles" });
    const claims = person([], { realm_access: { roles: ["offline_access", "sb-designers"] } });
    expect(await provisionSsoUser(config, claims)).toMatchObject({ ok: true, role: "designer" });
  });

  it("refuses an email outside the allowed domains", async () => {
    const { workspace, config } = await setUp({ allowedDomains: ["acme.example"] });
    const claims = person(["sb-admins"]);
    expect(await provisionSsoUser(config, claims)).toEqual({ ok: false, reason: "domain_not_allowed" });
    expect(await provisionSsoUser(config, { ...claims, email: "someone@ACME.example" })).toMatchObject({
      ok: true,
      role: "admin",
    });
    const [failed] = await audits(workspace.id, "session.sign_in_failed");
    expect(failed.metadata).toMatchObject({ reason: "domain_not_allowed" });
  });

  it("refuses an email the provider says is not verified", async () => {
    const { workspace, config } = await setUp();
    const existing = await seedUser({ workspaceId: workspace.id, role: "admin" });
    // An unverified address must never take over the account that owns it.
    expect(
      await provisionSsoUser(config, person(["sb-admins"], { email: existing.email, email_verified: false })),
    ).toEqual({ ok: false, reason: "email_unverified" });
    expect(await provisionSsoUser(config, person(["sb-ops"], { email_verified: "false" }))).toEqual({
      ok: false,
      reason: "email_unverified",
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: existing.id } })).ssoSubject).toBeNull();
    expect(
      (await audits(workspace.id, "session.sign_in_failed")).map((row) => (row.metadata as { reason: string }).reason),
    ).toEqual(["email_unverified", "email_unverified"]);
    // Providers that never send the flag are trusted for the address they assert.
    expect(await provisionSsoUser(config, person(["sb-ops"], { email_verified: undefined }))).toMatchObject({
      ok: true,
    });
  });

  it("refuses claims without an email or a subject", async () => {
    const { config } = await setUp();
    expect(await provisionSsoUser(config, person(["sb-ops"], { email: undefined }))).toEqual({
      ok: false,
      reason: "no_email",
    });
    expect(await provisionSsoUser(config, person(["sb-ops"], { sub: "" }))).toEqual({
      ok: false,
      reason: "no_subject",
    });
  });

  it("refuses when the configured workspace does not exist", async () => {
    const { config } = await setUp({ workspaceSlug: "no-such-workspace" });
    expect(await provisionSsoUser(config, person(["sb-ops"]))).toEqual({ ok: false, reason: "no_workspace" });
  });
});
