"use client";
import { UserPlus } from "lucide-react";
import { useId, useRef, useState, useTransition } from "react";
import { inviteMemberAction } from "@/lib/features/settings/members/actions";
import { buttonClass, inputClass, selectClass } from "@/components/ui/button";
import { ROLE_DESCRIPTIONS, ROLES, type Role } from "@/lib/model/permissions";
import { inviteMemberSchema } from "@/lib/features/settings/members/member-schema";
import { InvitationLinkNotice } from "./invitation-link-notice";

type Field = "email" | "role";
type FieldErrors = Partial<Record<Field, string>>;
type Issued = { email: string; role: Role; path: string; expiresAt: string };

function firstErrors(errors: Record<string, string[] | undefined> | undefined): FieldErrors {
  return { email: errors?.email?.[0], role: errors?.role?.[0] };
}

/**
 * Invites someone by e-mail and role. The answer is the same whether or not the e-mail has an account in another
 * workspace: the person chooses their name and password (or signs in to their account) when they accept.
 */
export function InviteMemberForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const ids = { email: useId(), role: useId() };

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // The same schema the server action validates with: instant feedback, one set of rules.
    const parsed = inviteMemberSchema.safeParse({
      email: String(form.get("email") ?? ""),
      role: String(form.get("role") ?? ""),
    });
    setError(null);
    if (!parsed.success) {
      const first = firstErrors(parsed.error.flatten().fieldErrors);
      setErrors(first);
      const firstField = (["email", "role"] as Field[]).find((f) => first[f]);
      if (firstField) formRef.current?.querySelector<HTMLElement>(`[name="${firstField}"]`)?.focus();
      return;
    }
    setErrors({});
    startTransition(async () => {
      const result = await inviteMemberAction(parsed.data);
      if (!result.ok) {
        setErrors(firstErrors(result.fieldErrors));
        setError(result.message);
        return;
      }
      formRef.current?.reset();
      setIssued({
        email: result.data.email,
        role: result.data.role,
        path: result.data.path,
        expiresAt: new Date(result.data.expiresAt).toISOString(),
      });
    });
  }

  const describedBy = (field: Field) => (errors[field] ? `${ids[field]}-error` : undefined);

  return (
    <div className="space-y-4 px-4 py-4">
      {issued ? <InvitationLinkNotice {...issued} onDone={() => setIssued(null)} /> : null}
      <form
        ref={formRef}
        onSubmit={onSubmit}
        noValidate
        className="space-y-4"
        aria-label="Invite a member"
        data-testid="invite-member-form"
      >
        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <label htmlFor={ids.email} className="mb-1 block text-sm font-medium text-slate-700">
              Email
            </label>
            <input
              id={ids.email}
              name="email"
              type="email"
              autoComplete="off"
              className={inputClass}
              disabled={pending}
              aria-invalid={!!errors.email}
              aria-describedby={describedBy("email")}
            />
            {errors.email ? (
              <p id={`${ids.email}-error`} className="mt-1 text-xs text-rose-700">
                {errors.email}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor={ids.role} className="mb-1 block text-sm font-medium text-slate-700">
              Role
            </label>
            <select
              id={ids.role}
              name="role"
              defaultValue="operator"
              className={`${selectClass} w-full`}
              disabled={pending}
              aria-invalid={!!errors.role}
              aria-describedby={describedBy("role")}
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {role} — {ROLE_DESCRIPTIONS[role]}
                </option>
              ))}
            </select>
            {errors.role ? (
              <p id={`${ids.role}-error`} className="mt-1 text-xs text-rose-700">
                {errors.role}
              </p>
            ) : null}
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            className={buttonClass("primary")}
            disabled={pending}
            data-testid="invite-member-submit"
          >
            <UserPlus aria-hidden className="size-4" />
            {pending ? "Inviting…" : "Invite member"}
          </button>
          <div aria-live="polite" className="text-sm">
            {error ? (
              <p className="font-medium text-rose-700" data-testid="invite-member-error">
                {error}
              </p>
            ) : null}
          </div>
        </div>
      </form>
    </div>
  );
}
