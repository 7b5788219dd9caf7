import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { LogIn, Workflow } from "lucide-react";
import { AcceptInvitationButton } from "@/components/invite/accept-invitation-button";
import { AcceptNewAccountForm } from "@/components/invite/accept-new-account-form";
import { SwitchAccountButton } from "@/components/invite/switch-account-button";
import { buttonClass, linkClass } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { pageMember } from "@/app/_server/page-member";
import { findOpenInvitation } from "@/lib/features/invite/find-invitation";
import { INVALID_INVITATION_MESSAGE, invitationPath } from "@/lib/features/invite/invitation-token";
import { safeRedirectPath } from "@/lib/platform/http/safe-redirect";
import { ROLE_DESCRIPTIONS } from "@/lib/model/permissions";

// The token is in the URL: no Referer header carries it to another site from here.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

function Frame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-8 flex flex-col items-center text-center">
          <span
            aria-hidden
            className="mb-3 grid size-10 place-items-center rounded-lg bg-indigo-600 text-white shadow-sm"
          >
            <Workflow className="size-5" />
          </span>
          <h1 className="text-xl font-semibold tracking-tight text-slate-900" data-testid="invite-title">
            {title}
          </h1>
        </div>
        <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}

/**
 * The public page an invitation link opens. Whatever is wrong with a link (unknown, expired, revoked, used), it gets
 * the same answer. The invited e-mail decides the way in: a new account is made here; an existing one must be signed
 * in, as itself.
 */
export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const invitation = await findOpenInvitation(token);
  if (!invitation) {
    return (
      <Frame title="Invitation not valid">
        <p className="text-sm text-slate-700" data-testid="invite-invalid">
          {INVALID_INVITATION_MESSAGE}
        </p>
        <p className="text-sm">
          <Link href="/sign-in" className={linkClass}>
            Go to sign in
          </Link>
        </p>
      </Frame>
    );
  }

  const member = await pageMember();
  const returnTo = safeRedirectPath(invitationPath(token), "/sign-in");
  const signedInAsInvitee = member?.email === invitation.email;

  return (
    <Frame title={`Join ${invitation.workspaceName} on Switchboard`}>
      <p className="text-sm text-slate-700" data-testid="invite-summary">
        You are invited as <strong className="font-medium text-slate-900">{invitation.role}</strong> (
        {ROLE_DESCRIPTIONS[invitation.role].toLowerCase()}) with{" "}
        <strong className="font-medium text-slate-900">{invitation.email}</strong>. This link works once and expires{" "}
        <Time value={invitation.expiresAt} />.
      </p>
      {!invitation.accountExists ? (
        <>
          {member ? (
            <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              You are signed in as {member.email}. Creating this account signs you in as {invitation.email} instead.
            </p>
          ) : null}
          <AcceptNewAccountForm token={token} email={invitation.email} />
        </>
      ) : signedInAsInvitee ? (
        <AcceptInvitationButton token={token} workspaceName={invitation.workspaceName} />
      ) : member ? (
        <>
          <p className="text-sm text-slate-700" data-testid="invite-wrong-account">
            You are signed in as {member.email}. This invitation is for {invitation.email}: sign in as that account to
            accept it.
          </p>
          <SwitchAccountButton returnTo={returnTo} email={invitation.email} />
        </>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            {invitation.email} already has a Switchboard account. Sign in with it to accept.
          </p>
          <Link
            href={`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`}
            className={buttonClass("primary", "md", "w-full")}
            data-testid="invite-sign-in"
          >
            <LogIn aria-hidden className="size-4" />
            Sign in as {invitation.email}
          </Link>
        </>
      )}
    </Frame>
  );
}
