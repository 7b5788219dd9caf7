import type { Metadata } from "next";
import Link from "next/link";
import { ApiKeysCard } from "@/components/settings/api-keys-card";
import { AssistantNameForm } from "@/components/settings/assistant-name-form";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { ChatIdentityForm } from "@/components/settings/chat-identity-form";
import { InvitationsTable } from "@/components/settings/invitations-table";
import { InviteMemberForm } from "@/components/settings/invite-member-form";
import { ChatEmbedOriginsForm } from "@/components/settings/chat-embed-origins-form";
import { MembersTable } from "@/components/settings/members-table";
import { ReopenWindowForm } from "@/components/settings/reopen-window-form";
import { ModelProvidersCard } from "@/components/settings/model-providers-card";
import { SecretsCard } from "@/components/settings/secrets-card";
import { SignOutEverywhere } from "@/components/settings/sign-out-everywhere";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RoleBadge } from "@/components/ui/status-badges";
import { Time } from "@/components/ui/time";
import { requirePageMember } from "@/app/_server/page-member";
import { listApiKeys } from "@/lib/features/settings/api-keys/list-api-keys";
import { can, ROLE_DESCRIPTIONS, ROLES } from "@/lib/model/permissions";
import { FALLBACK_ASSISTANT_SENDER } from "@/lib/model/sender-name";
import { getWorkspace, listMembers } from "@/lib/features/settings/members/list-members";
import { listInvitations } from "@/lib/features/settings/members/list-invitations";
import { INVITATION_TTL_DAYS } from "@/lib/features/invite/invitation-token";
import { listModelProviders } from "@/lib/features/settings/models/list-model-providers";
import { listSecrets } from "@/lib/features/settings/secrets/list-secrets";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const member = await requirePageMember("settings.read", "/settings");
  const [workspace, members] = await Promise.all([getWorkspace(member.workspaceId), listMembers(member.workspaceId)]);
  const canManage = can(member.role, "members.manage");
  // API keys act for the whole workspace, so only admins see and manage them; the same for invitations.
  const [apiKeys, invitations] = canManage
    ? await Promise.all([listApiKeys(member.workspaceId), listInvitations(member.workspaceId)])
    : [[], []];
  // Model providers and secrets: everyone may see which exist; only admins (settings.manage) see key hints and change them.
  const canManageModels = can(member.role, "settings.manage");
  const [providers, secrets] = await Promise.all([
    listModelProviders(member.workspaceId),
    listSecrets(member.workspaceId),
  ]);
  const envModelConfigured = Boolean(process.env.OPENAI_BASE_URL?.trim() || process.env.OPENAI_API_KEY?.trim());

  return (
    <>
      <PageHeader
        title="Settings"
        description="The workspace and the people who can use its console."
        actions={
          <nav aria-label="More settings" className="flex gap-2">
            <Link href="/settings/integrations" className={buttonClass("secondary", "sm")}>
              Integrations
            </Link>
            <Link href="/settings/webhooks" className={buttonClass("secondary", "sm")}>
              Webhooks
            </Link>
            {canManageModels ? (
              <Link href="/settings/mailbox" className={buttonClass("secondary", "sm")}>
                Mailbox
              </Link>
            ) : null}
          </nav>
        }
      />
      <div className="space-y-6">
        <Card aria-labelledby="workspace-heading">
          <CardHeader id="workspace-heading" title="Workspace" />
          <dl className="grid gap-4 px-4 py-4 sm:grid-cols-3">
            <div>
              <dt className="text-xs font-medium text-slate-500">Name</dt>
              <dd className="mt-0.5 text-sm text-slate-900" data-testid="workspace-name">
                {workspace?.name ?? member.workspaceName}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-500">Slug</dt>
              <dd className="mt-0.5 font-mono text-sm text-slate-900" data-testid="workspace-slug">
                {workspace?.slug ?? member.workspaceSlug}
              </dd>
              <dd className="mt-0.5 text-xs text-slate-500">
                Public chat pages live under /chat/{workspace?.slug ?? member.workspaceSlug}/…
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-500">Created</dt>
              <dd className="mt-0.5 text-sm text-slate-900">
                {workspace ? <Time value={workspace.createdAt} /> : "—"}
              </dd>
            </div>
          </dl>
        </Card>

        <Card aria-labelledby="conversations-heading">
          <CardHeader id="conversations-heading" title="Conversations" />
          <div className="divide-y divide-slate-100">
            <AssistantNameForm
              name={workspace?.assistantName ?? FALLBACK_ASSISTANT_SENDER}
              canManage={canManageModels}
            />
            <ReopenWindowForm days={workspace?.reopenWindowDays ?? 7} canManage={canManageModels} />
          </div>
        </Card>

        <Card aria-labelledby="web-chat-heading">
          <CardHeader
            id="web-chat-heading"
            title="Web chat"
            description="Where the public chat pages may appear inside other sites, and who the shoppers your site signed in are."
          />
          <div className="divide-y divide-slate-100">
            <ChatEmbedOriginsForm
              origins={workspace?.chatEmbedOrigins ?? []}
              workspaceSlug={workspace?.slug ?? member.workspaceSlug}
              canManage={canManageModels}
            />
            <ChatIdentityForm configured={workspace?.chatIdentityConfigured ?? false} canManage={canManageModels} />
          </div>
        </Card>

        <Card aria-labelledby="members-heading">
          <CardHeader
            id="members-heading"
            title={`Members · ${members.length}`}
            description={
              canManage
                ? "Change a role with its menu; a workspace always keeps at least one admin, and you cannot remove yourself."
                : "Only admins can invite members, change roles or remove members."
            }
          />
          <MembersTable
            canManage={canManage}
            currentUserId={member.userId}
            members={members.map((m) => ({
              userId: m.userId,
              name: m.name,
              email: m.email,
              role: m.role,
              joinedAt: m.joinedAt.toISOString(),
              lastSignInAt: m.lastSignInAt?.toISOString() ?? null,
            }))}
          />
        </Card>

        {canManage ? (
          <Card aria-labelledby="invite-member-heading">
            <CardHeader
              id="invite-member-heading"
              title="Invite a member"
              description={`You get a link to send them; it works once and expires after ${INVITATION_TTL_DAYS} days. They choose their own name and password when they accept, or sign in to the account they already have.`}
            />
            <InviteMemberForm />
            {invitations.length > 0 ? (
              <div className="border-t border-slate-100">
                <h3 id="invitations-heading" className="px-4 pt-3 text-sm font-medium text-slate-900">
                  Pending invitations · {invitations.length}
                </h3>
                <InvitationsTable
                  invitations={invitations.map((i) => ({
                    invitationId: i.invitationId,
                    email: i.email,
                    role: i.role,
                    invitedBy: i.invitedBy,
                    createdAt: i.createdAt.toISOString(),
                    expiresAt: i.expiresAt.toISOString(),
                  }))}
                />
              </div>
            ) : null}
          </Card>
        ) : null}

        {canManage ? (
          <Card aria-labelledby="api-keys-heading">
            <CardHeader
              id="api-keys-heading"
              title="API keys"
              description="Keys for the public REST API (/api/v1, documented at /api/v1/openapi.json), the MCP server (/api/mcp) and A2A agents (see Integrations). Each key acts for this workspace; the full key is shown once."
            />
            <ApiKeysCard
              canManage={canManage}
              keys={apiKeys.map((k) => ({
                id: k.id,
                name: k.name,
                prefix: k.prefix,
                createdBy: k.createdBy,
                createdAt: k.createdAt.toISOString(),
                lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
                revokedAt: k.revokedAt?.toISOString() ?? null,
                rateLimitPerMinute: k.rateLimitPerMinute,
              }))}
            />
          </Card>
        ) : null}

        {/* The anchor LLM nodes' validation issues link to (MODEL_PROVIDERS_HELP). */}
        <Card id="model-providers" aria-labelledby="model-providers-heading" className="scroll-mt-4">
          <CardHeader
            id="model-providers-heading"
            title={`Model providers · ${providers.length}`}
            description="OpenAI-compatible endpoints for LLM agents and routers. Keys are encrypted at rest and never shown again."
          />
          <ModelProvidersCard
            canManage={canManageModels}
            envConfigured={envModelConfigured}
            providers={providers.map((p) => (canManageModels ? p : { ...p, apiKeyHint: null }))}
          />
        </Card>

        <Card aria-labelledby="secrets-heading">
          <CardHeader
            id="secrets-heading"
            title={`Secrets · ${secrets.length}`}
            description="Named values for HTTP tools ({{secret.NAME}} in a header). Write-only: encrypted, filled in on the server, never displayed."
          />
          <SecretsCard
            canManage={canManageModels}
            secrets={secrets.map((s) => (canManageModels ? s : { ...s, hint: null }))}
          />
        </Card>

        <Card aria-labelledby="password-heading">
          <CardHeader id="password-heading" title="Your password" description={`Signed in as ${member.email}.`} />
          <ChangePasswordForm email={member.email} name={member.name} />
        </Card>

        <Card aria-labelledby="sessions-heading">
          <CardHeader
            id="sessions-heading"
            title="Your sessions"
            description="A sign-in lasts up to 8 hours in each browser. Lost a laptop or used a shared computer? End every session at once."
          />
          <SignOutEverywhere />
        </Card>

        <Card aria-labelledby="roles-heading">
          <CardHeader id="roles-heading" title="Roles" />
          <ul className="divide-y divide-slate-100">
            {ROLES.map((role) => (
              <li key={role} className="flex items-center gap-3 px-4 py-2.5 text-sm">
                <span className="w-24">
                  <RoleBadge role={role} />
                </span>
                <span className="text-slate-700">{ROLE_DESCRIPTIONS[role]}</span>
                {role === member.role ? <span className="text-xs text-slate-500">(your role)</span> : null}
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
