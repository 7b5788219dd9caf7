"use client";
import { KeyRound } from "lucide-react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { changeOwnPasswordAction } from "@/lib/features/settings/members/actions";
import { buttonClass, inputClass } from "@/components/ui/button";
import { changePasswordSchema } from "@/lib/features/settings/members/member-schema";
import { usePasswordPolicy } from "@/components/auth/use-password-policy";
import { PASSWORD_POLICY_HINT } from "@/components/auth/password-policy-hint";

type Field = "currentPassword" | "newPassword";

/** `email` and `name` are the signed-in person's: the password policy refuses passwords containing them. */
export function ChangePasswordForm({ email, name }: { email: string; name: string }) {
  const checkPassword = usePasswordPolicy({ email, name });
  const formRef = useRef<HTMLFormElement>(null);
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const ids = { currentPassword: useId(), newPassword: useId() };

  function show(fieldErrors: Record<string, string[] | undefined> | undefined) {
    const next = { currentPassword: fieldErrors?.currentPassword?.[0], newPassword: fieldErrors?.newPassword?.[0] };
    setErrors(next);
    const first = (["currentPassword", "newPassword"] as Field[]).find((f) => next[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = changePasswordSchema.safeParse({
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
    });
    setMessage(null);
    if (!parsed.success) {
      show(parsed.error.flatten().fieldErrors);
      return;
    }
    setErrors({});
    startTransition(async () => {
      const verdict = await checkPassword(parsed.data.newPassword);
      if (!verdict.ok) {
        show({ newPassword: [verdict.message] });
        return;
      }
      const result = await changeOwnPasswordAction(parsed.data);
      if (!result.ok) {
        show(result.fieldErrors);
        setMessage({ tone: "error", text: result.message });
        return;
      }
      formRef.current?.reset();
      // The change ended every session, this one too; signing in again with the new password gives this browser a
      // fresh one, so only the others stay signed out.
      const again = await signIn("credentials", {
        email: result.data.email,
        password: parsed.data.newPassword,
        redirect: false,
      }).catch(() => null);
      if (!again?.ok || again.error) {
        router.replace("/sign-in?callbackUrl=%2Fsettings&reason=expired");
        return;
      }
      router.refresh();
      setMessage({
        tone: "success",
        text: "Your password has been changed. You are signed out everywhere else.",
      });
    });
  }

  // Said when the new password loses focus, and cleared as soon as it is fixed: not on every key while still typing.
  async function recheck(password: string, onlyToClear: boolean) {
    if (!password || (onlyToClear && !errors.newPassword)) return;
    const parsed = changePasswordSchema.safeParse({ currentPassword: "-", newPassword: password });
    const lengthError = parsed.success ? undefined : parsed.error.flatten().fieldErrors.newPassword?.[0];
    const verdict = lengthError ? { ok: false as const, message: lengthError } : await checkPassword(password);
    if (verdict.ok) setErrors((e) => ({ ...e, newPassword: undefined }));
    else if (!onlyToClear) setErrors((e) => ({ ...e, newPassword: verdict.message }));
  }

  const field = (name: Field, label: string, autoComplete: string, hint?: string) => (
    <div>
      <label htmlFor={ids[name]} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={ids[name]}
        name={name}
        type="password"
        autoComplete={autoComplete}
        className={inputClass}
        disabled={pending}
        onBlur={name === "newPassword" ? (e) => void recheck(e.currentTarget.value, false) : undefined}
        onChange={name === "newPassword" ? (e) => void recheck(e.currentTarget.value, true) : undefined}
        aria-invalid={!!errors[name]}
        aria-describedby={
          [errors[name] ? `${ids[name]}-error` : null, hint ? `${ids[name]}-hint` : null].filter(Boolean).join(" ") ||
          undefined
        }
      />
      {errors[name] ? (
        <p id={`${ids[name]}-error`} className="mt-1 text-xs text-rose-700">
          {errors[name]}
        </p>
      ) : hint ? (
        <p id={`${ids[name]}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4 px-4 py-4"
      aria-label="Change your password"
      data-testid="change-password-form"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {field("currentPassword", "Current password", "current-password")}
        {field("newPassword", "New password", "new-password", PASSWORD_POLICY_HINT)}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass("primary")} disabled={pending}>
          <KeyRound aria-hidden className="size-4" />
          {pending ? "Changing…" : "Change password"}
        </button>
        <div aria-live="polite" className="text-sm">
          {message ? (
            <p className={message.tone === "error" ? "font-medium text-rose-700" : "text-emerald-700"}>
              {message.text}
            </p>
          ) : null}
        </div>
      </div>
    </form>
  );
}
