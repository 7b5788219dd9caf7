import type { Metadata } from "next";
import Link from "next/link";
import { Lock } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { pageMember } from "@/app/_server/page-member";
import { PERMISSIONS, ROLE_DESCRIPTIONS, type Permission } from "@/lib/model/permissions";

export const metadata: Metadata = { title: "Not allowed" };

const PERMISSION_LABELS: Record<Permission, string> = {
  "flow.read": "view flows",
  "flow.edit": "edit flows",
  "flow.publish": "publish flows",
  "flow.test": "test flows",
  "conversation.read": "view conversations",
  "conversation.act": "act in conversations",
  "escalation.handle": "handle escalations",
  "escalation.recall": "take escalations back from a contact centre",
  "routing.review": "mark routing decisions right or wrong",
  "canned_reply.manage": "manage canned replies",
  "audit.read": "read the audit trail",
  "dashboard.read": "view the dashboard",
  "eval.read": "view evaluations",
  "eval.run": "run evaluations",
  "settings.read": "view settings",
  "members.manage": "manage members",
  "settings.manage": "manage model providers, secrets and retention",
  "customer.read": "view customers and their memory",
  "customer.erase": "erase a customer's memory",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ForbiddenPage({ searchParams }: Props) {
  const raw = (await searchParams).need;
  const need = (Array.isArray(raw) ? raw[0] : raw) as Permission | undefined;
  const permission = need && need in PERMISSIONS ? need : null;
  const member = await pageMember();
  const roles = permission ? (PERMISSIONS[permission] as readonly string[]) : [];

  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-lg rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <span aria-hidden className="mb-4 grid size-10 place-items-center rounded-full bg-amber-50 text-amber-700">
          <Lock className="size-5" />
        </span>
        <h1 className="text-lg font-semibold text-slate-900">You don’t have access to that page</h1>
        {permission ? (
          <p className="mt-2 text-sm text-slate-600">
            It needs the{" "}
            <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800">{permission}</code>{" "}
            permission (to {PERMISSION_LABELS[permission]}), which the {roles.join(" and ")}{" "}
            {roles.length === 1 ? "role has" : "roles have"}.
          </p>
        ) : (
          <p className="mt-2 text-sm text-slate-600">Your role does not include the permission that page needs.</p>
        )}
        {member ? (
          <p className="mt-2 text-sm text-slate-600">
            You are signed in as <span className="font-medium text-slate-800">{member.email}</span> with the{" "}
            <span className="font-medium text-slate-800">{member.role}</span> role in {member.workspaceName} (
            {ROLE_DESCRIPTIONS[member.role].toLowerCase()}). An admin can change your role in Settings.
          </p>
        ) : null}
        <div className="mt-6 flex gap-2">
          <Link href="/flows" className={buttonClass("primary")}>
            Back to Flows
          </Link>
          {!member ? (
            <Link href="/sign-in" className={buttonClass("secondary")}>
              Sign in
            </Link>
          ) : null}
        </div>
      </div>
    </main>
  );
}
