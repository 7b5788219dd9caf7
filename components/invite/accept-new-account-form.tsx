"use client";
import { UserPlus } from "lucide-react";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { acceptWithNewAccountAction } from "@/lib/features/invite/actions";
import { acceptWithNewAccountSchema } from "@/lib/features/invite/invite-schema";
import { markSignedIn } from "@/components/auth/session-marker";
import { PASSWORD_POLICY_HINT } from "@/components/auth/password-policy-hint";
import { usePasswordPolicy } from "@/components/auth/use-password-policy";
import { buttonClass, inputClass, linkClass } from "@/components/ui/button";

type Field = "name" | "password" | "confirmPassword";
type FieldErrors = Partial<Record<Field, string>>;
const FIELDS: Field[] = ["name", "password", "confirmPassword"];

/** No account yet: the person chooses their name and password, joins, and is signed in. */
export function AcceptNewAccountForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [signInFailed, setSignInFailed] = useState(false);
  const checkPassword = usePasswordPolicy({ email, name });
  const ids = { email: useId(), name: useId(), password: useId(), confirmPassword: useId(), hint: useId() };

  function show(fieldErrors: Record<string, string[] | undefined> | undefined) {
    const next: FieldErrors = {};
    for (const field of FIELDS) next[field] = fieldErrors?.[field]?.[0];
    setErrors(next);
    const first = FIELDS.find((f) => next[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  // Said when the password loses focus, and cleared as soon as it is fixed: not on every key while still typing.
  async function recheck(password: string, onlyToClear: boolean) {
    if (!password || (onlyToClear && !errors.password)) return;
    const verdict = await checkPassword(password);
    if (verdict.ok) setErrors((e) => ({ ...e, password: undefined }));
    else if (!onlyToClear) setErrors((e) => ({ ...e, password: verdict.message }));
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = acceptWithNewAccountSchema.safeParse({
      token,
      name: String(form.get("name") ?? ""),
      password: String(form.get("password") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    });
    setError(null);
    if (!parsed.success) {
      show(parsed.error.flatten().fieldErrors);
      return;
    }
    setErrors({});
    startTransition(async () => {
      const verdict = await checkPassword(parsed.data.password);
      if (!verdict.ok) {
        show({ password: [verdict.message] });
        return;
      }
      const result = await acceptWithNewAccountAction(parsed.data);
      if (!result.ok) {
        show(result.fieldErrors);
        setError(result.message);
        return;
      }
      const signedIn = await signIn("credentials", { email, password: parsed.data.password, redirect: false });
      if (!signedIn || signedIn.error || !signedIn.ok) {
        setSignInFailed(true);
        return;
      }
      markSignedIn();
      router.replace("/flows");
      router.refresh();
    });
  }

  if (signInFailed) {
    return (
      <p role="status" className="text-sm text-slate-700" data-testid="invite-account-created">
        Your account is ready.{" "}
        <Link href="/sign-in" className={linkClass}>
          Sign in
        </Link>{" "}
        with {email} and the password you chose.
      </p>
    );
  }

  const input = (field: Field, label: string, type: string, autoComplete: string, hint = false) => (
    <div>
      <label htmlFor={ids[field]} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={ids[field]}
        name={field}
        type={type}
        autoComplete={autoComplete}
        className={inputClass}
        disabled={pending}
        aria-invalid={!!errors[field]}
        aria-describedby={
          [errors[field] ? `${ids[field]}-error` : null, hint ? ids.hint : null].filter(Boolean).join(" ") || undefined
        }
        onChange={
          field === "name"
            ? (e) => setName(e.currentTarget.value)
            : field === "password"
              ? (e) => void recheck(e.currentTarget.value, true)
              : undefined
        }
        onBlur={field === "password" ? (e) => void recheck(e.currentTarget.value, false) : undefined}
        data-testid={`invite-${field}`}
      />
      {errors[field] ? (
        <p id={`${ids[field]}-error`} className="mt-1 text-xs text-rose-700">
          {errors[field]}
        </p>
      ) : null}
      {hint ? (
        <p id={ids.hint} className="mt-1 text-xs text-slate-500">
          {PASSWORD_POLICY_HINT}
        </p>
      ) : null}
    </div>
  );

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
      aria-label="Create your account"
      data-testid="invite-new-account-form"
    >
      <div>
        <label htmlFor={ids.email} className="mb-1 block text-sm font-medium text-slate-700">
          Email
        </label>
        {/* Fixed: the invitation is for this address. As a field, password managers save it with the password. */}
        <input
          id={ids.email}
          name="email"
          type="email"
          value={email}
          readOnly
          autoComplete="username"
          className={`${inputClass} bg-slate-50 text-slate-600`}
        />
      </div>
      {input("name", "Your name", "text", "name")}
      {input("password", "Password", "password", "new-password", true)}
      {input("confirmPassword", "Repeat the password", "password", "new-password")}
      <div aria-live="polite">
        {error ? (
          <p className="text-sm font-medium text-rose-700" data-testid="invite-error">
            {error}
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        className={buttonClass("primary", "md", "w-full")}
        disabled={pending}
        data-testid="invite-create-account"
      >
        <UserPlus aria-hidden className="size-4" />
        {pending ? "Creating your account…" : "Create account and join"}
      </button>
    </form>
  );
}
