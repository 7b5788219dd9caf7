"use client";
import { useState, useTransition } from "react";
import { reissueInvitationAction, revokeInvitationAction } from "@/lib/features/settings/members/actions";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { TBody, Th, THead } from "@/components/ui/table";
import { RoleBadge } from "@/components/ui/status-badges";
import { Time } from "@/components/ui/time";
import { useNow } from "@/components/ui/use-now";
import type { Role } from "@/lib/model/permissions";
import { InvitationLinkNotice } from "./invitation-link-notice";
import { InlineConfirm } from "@/components/ui/inline-confirm";

export type InvitationView = {
  invitationId: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
};

function InvitationRow({ invitation }: { invitation: InvitationView }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [link, setLink] = useState<{ path: string; expiresAt: string } | null>(null);
  const now = useNow(60_000);
  // A new link restarts the week; the server's list catches up on the next refresh.
  const expiresAt = link?.expiresAt ?? invitation.expiresAt;
  const expired = now !== null && Date.parse(expiresAt) <= now;
  const errorId = `invitation-${invitation.invitationId}-error`;

  function reissue() {
    setError(null);
    startTransition(async () => {
      const result = await reissueInvitationAction({ invitationId: invitation.invitationId });
      if (!result.ok) setError(result.message);
      else setLink({ path: result.data.path, expiresAt: new Date(result.data.expiresAt).toISOString() });
    });
  }

  function revoke() {
    setError(null);
    startTransition(async () => {
      const result = await revokeInvitationAction({ invitationId: invitation.invitationId });
      if (!result.ok) {
        setConfirming(false);
        setError(result.message);
      }
      // On success the revalidated page no longer lists this row.
    });
  }

  return (
    <>
      <tr data-testid="invitation-row" data-email={invitation.email} className="align-top">
        <td className="px-3 py-2.5 text-slate-700">{invitation.email}</td>
        <td className="px-3 py-2.5">
          <RoleBadge role={invitation.role} />
        </td>
        <td className="px-3 py-2.5 text-slate-600">{invitation.invitedBy ?? "—"}</td>
        <td className="whitespace-nowrap px-3 py-2.5 text-slate-600">
          {expired ? <Badge tone="amber">expired</Badge> : <Time value={expiresAt} />}
          {error ? (
            <p id={errorId} className="mt-1 max-w-xs text-xs font-medium text-rose-700" data-testid="invitation-error">
              {error}
            </p>
          ) : null}
        </td>
        <td className="whitespace-nowrap px-3 py-2.5 text-right">
          {confirming ? (
            <InlineConfirm
              label={`Confirm revoking the invitation for ${invitation.email}`}
              question="Revoke?"
              action="Revoke"
              pendingAction="Revoking…"
              pending={pending}
              onConfirm={revoke}
              onCancel={() => setConfirming(false)}
              testId="invitation-revoke-confirm"
              className="justify-end"
            />
          ) : (
            <div className="flex items-center justify-end gap-2">
              <button
                type="button"
                className={buttonClass("secondary", "sm")}
                disabled={pending}
                onClick={reissue}
                aria-describedby={error ? errorId : undefined}
                data-testid="invitation-reissue"
              >
                Copy new link<span className="sr-only"> for {invitation.email}</span>
              </button>
              <button
                type="button"
                className={buttonClass("dangerGhost", "sm")}
                disabled={pending}
                onClick={() => {
                  setError(null);
                  setConfirming(true);
                }}
                data-testid="invitation-revoke"
              >
                Revoke<span className="sr-only"> the invitation for {invitation.email}</span>
              </button>
            </div>
          )}
        </td>
      </tr>
      {link ? (
        <tr>
          <td colSpan={5} className="px-3 pb-3">
            <InvitationLinkNotice
              email={invitation.email}
              role={invitation.role}
              path={link.path}
              expiresAt={link.expiresAt}
              onDone={() => setLink(null)}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** Pending invitations: who was invited, by whom, until when; a new link (the old one stops working) or revoke. */
export function InvitationsTable({ invitations }: { invitations: InvitationView[] }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Pending invitations to this workspace</caption>
        <THead>
          <Th>Email</Th>
          <Th>Role</Th>
          <Th>Invited by</Th>
          <Th>Link expires</Th>
          <Th className="text-right" srOnly>
            Actions
          </Th>
        </THead>
        <TBody>
          {invitations.map((invitation) => (
            <InvitationRow key={invitation.invitationId} invitation={invitation} />
          ))}
        </TBody>
      </table>
    </div>
  );
}
