"use client";
// One labelled form field with its hint and inline error, wired for screen readers (aria-invalid/-describedby).
import type { ReactNode } from "react";

export function SettingsField({
  id,
  label,
  error,
  hint,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  /** The control; give it `id`, and aria props from `fieldAria(id, error, hint)`. */
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-rose-700" data-testid="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function fieldAria(
  id: string,
  error?: string,
  hint?: boolean,
): { "aria-invalid": boolean; "aria-describedby"?: string } {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return { "aria-invalid": !!error, "aria-describedby": describedBy || undefined };
}

/** The first message per field from a zod error or an action's fieldErrors. */
export function firstFieldErrors(errors: Record<string, string[] | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, messages] of Object.entries(errors ?? {})) if (messages?.[0]) out[key] = messages[0];
  return out;
}

export function zodFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[String(issue.path[0] ?? "_")] ??= issue.message;
  return out;
}
