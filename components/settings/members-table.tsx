"use client";
import { useState, useTransition } from "react";
import { changeMemberRoleAction, removeMemberAction } from "@/lib/features/settings/members/actions";
import { buttonClass, selectClass } from "@/components/ui/button";
import { TBody, Th, THead } from "@/components/ui/table";
import { RoleBadge } from "@/components/ui/status-badges";
import { Time } from "@/components/ui/time";
import { ROLES, type Role } from "@/lib/model/permissions";
import { InlineConfirm } from "@/components/ui/inline-confirm";

export type MemberView = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  lastSignInAt: string | null;
  joinedAt: string;
};

function MemberRow({ member, canManage, isSelf }: { member: MemberView; canManage: boolean; isSelf: boolean }) {
  const [role, setRole] = useState<Role>(member.role);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const errorId = `member-${member.userId}-error`;

  // The server's value wins after a refresh (e.g. someone else changed it).
  const [seenRole, setSeenRole] = useState(member.role);
  if (seenRole !== member.role) {
    setSeenRole(member.role);
    setRole(member.role);
  }

  function changeRole(next: Role) {
    if (next === role) return;
    if (isSelf && member.role === "admin" && next !== "admin") {
      const ok = window.confirm(
        `Change your own role to ${next}? You will no longer be able to manage members or see this page's admin controls, and you will be signed out (a new role starts with a new sign-in).`,
      );
      if (!ok) return;
    }
    const previous = role;
    setRole(next);
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await changeMemberRoleAction({ userId: member.userId, role: next });
      if (!result.ok) {
        setRole(previous);
        setError(result.message);
      } else {
        setNotice(`Role changed to ${next}.`);
      }
    });
  }

  function remove() {
    setError(null);
    startTransition(async () => {
      const result = await removeMemberAction({ userId: member.userId });
      if (!result.ok) {
        setConfirming(false);
        setError(result.message);
      }
      // On success the revalidated page no longer lists this row.
    });
  }

  return (
    <tr data-testid="member-row" data-email={member.email} data-role={role} className="align-top">
      <td className="px-3 py-2.5">
        <div className="font-medium text-slate-900">
          {member.name}
          {isSelf ? <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span> : null}
        </div>
      </td>
      <td className="px-3 py-2.5 text-slate-700">{member.email}</td>
      <td className="px-3 py-2.5">
        {canManage ? (
          <>
            <label className="sr-only" htmlFor={`role-${member.userId}`}>
              Role of {member.email}
            </label>
            <select
              id={`role-${member.userId}`}
              value={role}
              onChange={(e) => changeRole(e.target.value as Role)}
              disabled={pending}
              className={selectClass}
              aria-describedby={error ? errorId : undefined}
              data-testid="member-role-select"
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </>
        ) : (
          <RoleBadge role={member.role} />
        )}
        <div aria-live="polite">
          {error ? (
            <p id={errorId} className="mt-1 max-w-xs text-xs font-medium text-rose-700" data-testid="member-error">
              {error}
            </p>
          ) : notice ? (
            <p className="mt-1 text-xs text-emerald-700">{notice}</p>
          ) : null}
        </div>
      </td>
      <td className="whitespace-nowrap px-3 py-2.5 text-slate-600">
        {member.lastSignInAt ? <Time value={member.lastSignInAt} /> : <span className="text-slate-500">never</span>}
      </td>
      {canManage ? (
        <td className="whitespace-nowrap px-3 py-2.5 text-right">
          {isSelf ? (
            <span className="text-xs text-slate-500">—</span>
          ) : confirming ? (
            <InlineConfirm
              label={`Confirm removing ${member.email}`}
              question={`Remove ${member.name}?`}
              action="Remove"
              pendingAction="Removing…"
              pending={pending}
              onConfirm={remove}
              onCancel={() => setConfirming(false)}
              testId="member-remove-confirm"
              className="justify-end"
            />
          ) : (
            <button
              type="button"
              className={buttonClass("dangerGhost", "sm")}
              disabled={pending}
              onClick={() => {
                setError(null);
                setConfirming(true);
              }}
              data-testid="member-remove"
            >
              Remove<span className="sr-only"> {member.email}</span>
            </button>
          )}
        </td>
      ) : null}
    </tr>
  );
}

export function MembersTable({
  members,
  canManage,
  currentUserId,
}: {
  members: MemberView[];
  canManage: boolean;
  currentUserId: string;
}) {
  return (
    <div className="relative overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Members of this workspace</caption>
        <THead>
          <Th>Name</Th>
          <Th>Email</Th>
          <Th>Role</Th>
          <Th>Last sign-in</Th>
          {canManage ? (
            <Th className="text-right" srOnly>
              Actions
            </Th>
          ) : null}
        </THead>
        <TBody>
          {members.map((m) => (
            <MemberRow key={m.userId} member={m} canManage={canManage} isSelf={m.userId === currentUserId} />
          ))}
        </TBody>
      </table>
    </div>
  );
}
