"use client";
import { UserPlus } from "lucide-react";
import { useId, useRef, useState, useTransition } from "react";
import { addMemberAction } from "@/lib/features/settings/members/actions";
import { buttonClass, inputClass, selectClass } from "@/components/ui/button";
import { ROLE_DESCRIPTIONS, ROLES, type Role } from "@/lib/model/permissions";
import { addMemberSchema, MIN_PASSWORD_LENGTH } from "@/lib/features/settings/members/member-schema";

type Field = "name" | "email" | "role" | "password";
type FieldErrors = Partial<Record<Field, string>>;

function firstErrors(errors: Record<string, string[] | undefined> | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const key of ["name", "email", "role", "password"] as Field[]) {
    const message = errors?.[key]?.[0];
    if (message) out[key] = message;
  }
  return out;
}

export function AddMemberForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const ids = { name: useId(), email: useId(), role: useId(), password: useId() };

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      role: String(form.get("role") ?? "") as Role,
      password: String(form.get("password") ?? ""),
    };
    // The same schema the server action validates with: instant feedback, one set of rules.
    const parsed = addMemberSchema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
      const first = firstErrors(fieldErrors);
      setErrors(first);
      setMessage(null);
      const firstField = (["name", "email", "role", "password"] as Field[]).find((f) => first[f]);
      if (firstField) formRef.current?.querySelector<HTMLElement>(`[name="${firstField}"]`)?.focus();
      return;
    }
    setErrors({});
    setMessage(null);
    startTransition(async () => {
      const result = await addMemberAction(parsed.data);
      if (!result.ok) {
        setErrors(firstErrors(result.fieldErrors));
        setMessage({ tone: "error", text: result.message });
        return;
      }
      formRef.current?.reset();
      setMessage({
        tone: "success",
        text: result.data.existingUser
          ? `${result.data.email} already had a Switchboard account, so they were added as ${result.data.role} and keep their current password.`
          : `Added ${result.data.email} as ${result.data.role}. Give them the initial password through a safe channel.`,
      });
    });
  }

  const describedBy = (field: Field, hint?: string) =>
    [errors[field] ? `${ids[field]}-error` : null, hint ?? null].filter(Boolean).join(" ") || undefined;

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4 px-4 py-4"
      aria-label="Add a member"
      data-testid="add-member-form"
    >
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor={ids.name} className="mb-1 block text-sm font-medium text-slate-700">
            Name
          </label>
          <input
            id={ids.name}
            name="name"
            autoComplete="off"
            className={inputClass}
            disabled={pending}
            aria-invalid={!!errors.name}
            aria-describedby={describedBy("name")}
          />
          {errors.name ? (
            <p id={`${ids.name}-error`} className="mt-1 text-xs text-rose-700">
              {errors.name}
            </p>
          ) : null}
        </div>
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
        <div>
          <label htmlFor={ids.password} className="mb-1 block text-sm font-medium text-slate-700">
            Initial password
          </label>
          <input
            id={ids.password}
            name="password"
            type="password"
            autoComplete="new-password"
            className={inputClass}
            disabled={pending}
            aria-invalid={!!errors.password}
            aria-describedby={describedBy("password", `${ids.password}-hint`)}
          />
          {errors.password ? (
            <p id={`${ids.password}-error`} className="mt-1 text-xs text-rose-700">
              {errors.password}
            </p>
          ) : null}
          <p id={`${ids.password}-hint`} className="mt-1 text-xs text-slate-500">
            At least {MIN_PASSWORD_LENGTH} characters. Ignored if the email already has an account in another workspace.
          </p>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass("primary")} disabled={pending} data-testid="add-member-submit">
          <UserPlus aria-hidden className="size-4" />
          {pending ? "Adding…" : "Add member"}
        </button>
        <div aria-live="polite" className="text-sm">
          {message ? (
            <p
              className={message.tone === "error" ? "font-medium text-rose-700" : "text-emerald-700"}
              data-testid={`add-member-${message.tone}`}
            >
              {message.text}
            </p>
          ) : null}
        </div>
      </div>
    </form>
  );
}
