// An SSO sign-in: checks the identity provider's claims, finds, links or creates the person, and sets their workspace
// role from the role claim on every sign-in (the identity provider is the source of truth). Everything is audited.
import "server-only";
import { auditLog, type AuditActor } from "@/lib/platform/audit/audit-log";
import type { Role } from "@/lib/model/permissions";
import { db, type Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { changeMemberRole } from "@/lib/platform/auth/change-member-role";
import type { SsoConfig } from "./config";
import type { SsoRefusal } from "./refusals";
import { claimValues, emailDomain, mapRole } from "./role-mapping";

export type SsoSignIn =
  | {
      ok: true;
      userId: string;
      email: string;
      workspaceId: string;
      role: Role;
      created: boolean;
      linked: boolean;
      roleChanged: boolean;
    }
  | { ok: false; reason: SsoRefusal };

const SSO_ACTOR: AuditActor = { type: "system", label: "sso" };
const SIMPLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function stringClaim(claims: Record<string, unknown>, name: string): string | null {
  const value = claims[name];
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

function displayName(claims: Record<string, unknown>, email: string): string {
  const given = stringClaim(claims, "given_name");
  const family = stringClaim(claims, "family_name");
  return (
    stringClaim(claims, "name") ?? ([given, family].filter(Boolean).join(" ") || email.slice(0, email.indexOf("@")))
  );
}

/** Some providers send the flag as a string; only an explicit "false" refuses (many never send it at all). */
function emailUnverified(claims: Record<string, unknown>): boolean {
  return claims.email_verified === false || claims.email_verified === "false";
}

async function targetWorkspace(config: SsoConfig): Promise<{ id: string } | null> {
  if (config.workspaceSlug)
    return db().workspace.findUnique({ where: { slug: config.workspaceSlug }, select: { id: true } });
  return db().workspace.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
}

/**
 * Checks the claims (already verified by the OIDC client: signature, issuer, audience, nonce/PKCE) and provisions
 * the person. Returns the user id to put in the session, or the reason for refusing (audited either way).
 */
export async function provisionSsoUser(config: SsoConfig, claims: Record<string, unknown>): Promise<SsoSignIn> {
  const subject = stringClaim(claims, "sub");
  const rawEmail = stringClaim(claims, "email");
  const email = rawEmail && SIMPLE_EMAIL.test(rawEmail) ? rawEmail.toLowerCase() : null;
  const groups = claimValues(claims, config.roleClaim);
  const workspace = await targetWorkspace(config);

  const refuse = async (reason: SsoRefusal): Promise<SsoSignIn> => {
    await auditLog({
      workspaceId: workspace?.id ?? null,
      actor: SSO_ACTOR,
      action: "session.sign_in_failed",
      resourceType: "session",
      metadata: { method: "sso", issuer: config.issuer, reason, email: email ?? rawEmail, subject, groups },
    });
    return { ok: false, reason };
  };

  if (!subject) return refuse("no_subject");
  if (!email) return refuse("no_email");
  if (emailUnverified(claims)) return refuse("email_unverified");
  if (config.allowedDomains.length > 0 && !config.allowedDomains.includes(emailDomain(email)))
    return refuse("domain_not_allowed");
  const role = mapRole(groups, config);
  if (!role) return refuse("no_role");
  if (!workspace) return refuse("no_workspace");

  return db().$transaction(async (tx) => {
    const { user, created, linked } = await findOrCreateUser(tx, config, workspace.id, {
      subject,
      email,
      name: displayName(claims, email),
    });
    const label = user.email;
    const {
      role: finalRole,
      roleChanged,
      note,
    } = await applyRole(tx, { workspaceId: workspace.id, userId: user.id, email: label, role, groups });
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await auditLog(
      {
        workspaceId: workspace.id,
        actor: { type: "user", id: user.id, label },
        action: "session.signed_in",
        resourceType: "session",
        resourceId: user.id,
        metadata: {
          method: "sso",
          issuer: config.issuer,
          role: finalRole,
          ...(created ? { created } : {}),
          ...(linked ? { linked } : {}),
          ...(note ? { note } : {}),
        },
      },
      tx,
    );
    return {
      ok: true as const,
      userId: user.id,
      email: label,
      workspaceId: workspace.id,
      role: finalRole,
      created,
      linked,
      roleChanged,
    };
  });
}

async function findOrCreateUser(
  tx: Tx,
  config: SsoConfig,
  workspaceId: string,
  identity: { subject: string; email: string; name: string },
): Promise<{ user: { id: string; email: string }; created: boolean; linked: boolean }> {
  const bySubject = await tx.user.findUnique({
    where: { ssoIssuer_ssoSubject: { ssoIssuer: config.issuer, ssoSubject: identity.subject } },
    select: { id: true, email: true },
  });
  if (bySubject) {
    // People are matched on the subject, so an address changed at the provider follows them here, unless another
    // account already uses it (then the old address stays rather than merging two people).
    if (
      bySubject.email !== identity.email &&
      !(await tx.user.findUnique({ where: { email: identity.email }, select: { id: true } }))
    ) {
      await tx.user.update({ where: { id: bySubject.id }, data: { email: identity.email } });
      await auditLog(
        {
          workspaceId,
          actor: SSO_ACTOR,
          action: "user.email_changed",
          resourceType: "user",
          resourceId: bySubject.id,
          before: { email: bySubject.email },
          after: { email: identity.email },
          metadata: { method: "sso", issuer: config.issuer },
        },
        tx,
      );
      return { user: { id: bySubject.id, email: identity.email }, created: false, linked: false };
    }
    return { user: bySubject, created: false, linked: false };
  }

  const byEmail = await tx.user.findUnique({
    where: { email: identity.email },
    select: { id: true, email: true, ssoIssuer: true, ssoSubject: true },
  });
  if (byEmail) {
    // The provider vouches for this address (an unverified one was refused above), so it may sign in as its owner.
    await tx.user.update({
      where: { id: byEmail.id },
      data: { ssoIssuer: config.issuer, ssoSubject: identity.subject },
    });
    await auditLog(
      {
        workspaceId,
        actor: SSO_ACTOR,
        action: "user.sso_linked",
        resourceType: "user",
        resourceId: byEmail.id,
        before: { ssoIssuer: byEmail.ssoIssuer, ssoSubject: byEmail.ssoSubject },
        after: { ssoIssuer: config.issuer, ssoSubject: identity.subject },
        metadata: { email: byEmail.email },
      },
      tx,
    );
    return { user: { id: byEmail.id, email: byEmail.email }, created: false, linked: true };
  }

  // No password: an empty hash never matches, so this person can only sign in through SSO.
  const user = await tx.user.create({
    data: {
      email: identity.email,
      name: identity.name,
      passwordHash: "",
      ssoIssuer: config.issuer,
      ssoSubject: identity.subject,
    },
    select: { id: true, email: true },
  });
  return { user, created: true, linked: false };
}

async function applyRole(
  tx: Tx,
  options: { workspaceId: string; userId: string; email: string; role: Role; groups: string[] },
): Promise<{ role: Role; roleChanged: boolean; note?: string }> {
  const membership = await tx.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: options.workspaceId, userId: options.userId } },
    select: { role: true },
  });
  if (!membership) {
    await tx.membership.create({
      data: { workspaceId: options.workspaceId, userId: options.userId, role: options.role },
    });
    await auditLog(
      {
        workspaceId: options.workspaceId,
        actor: SSO_ACTOR,
        action: "member.added",
        resourceType: "membership",
        resourceId: options.userId,
        after: { email: options.email, role: options.role },
        metadata: { method: "sso", groups: options.groups },
      },
      tx,
    );
    return { role: options.role, roleChanged: false };
  }
  if (membership.role === options.role) return { role: options.role, roleChanged: false };
  try {
    const change = await changeMemberRole(tx, {
      workspaceId: options.workspaceId,
      userId: options.userId,
      role: options.role,
    });
    await auditLog(
      {
        workspaceId: options.workspaceId,
        actor: SSO_ACTOR,
        action: "member.role_changed",
        resourceType: "membership",
        resourceId: options.userId,
        before: change.before,
        after: change.after,
        metadata: { method: "sso", groups: options.groups },
      },
      tx,
    );
    if (change.sessionsEnded) {
      await auditLog({ workspaceId: options.workspaceId, actor: SSO_ACTOR, ...change.sessionsEnded }, tx);
    }
    return { role: options.role, roleChanged: true };
  } catch (error) {
    // The workspace's only admin keeps the role: a group change at the provider must not lock everyone out.
    if (error instanceof AppError && error.code === "CONFLICT") {
      return { role: membership.role, roleChanged: false, note: `kept ${membership.role}: the workspace's only admin` };
    }
    throw error;
  }
}
