"use client";
// One workspace setting with one field and its own Save (the reopen window, the assistant name, memory retention).
// The hint and any error are tied to the field for screen readers, an error puts the focus back in the field, and a
// save refreshes the server-rendered page so everything else on it shows the new value.
import { useEffect, useId, useRef, useState, useTransition, type InputHTMLAttributes, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { buttonClass, inputClass } from "@/components/ui/button";

/** A server action's answer (lib/features/define-action.ts), as far as this form reads it. */
export type SaveResult<T> =
  { ok: true; data: T } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

type InputProps = Pick<
  InputHTMLAttributes<HTMLInputElement>,
  "type" | "inputMode" | "min" | "max" | "step" | "maxLength" | "autoComplete" | "spellCheck"
>;

export function SingleSettingForm<T>({
  name,
  label,
  formLabel,
  initial,
  hint,
  input,
  widthClass,
  testId,
  validate,
  save,
  savedMessage,
  savedValue,
}: {
  /** The action's input key; its field error is shown under the field. */
  name: string;
  label: string;
  /** The form's accessible name. */
  formLabel: string;
  initial: string;
  hint: ReactNode;
  input: InputProps;
  widthClass: string;
  /** Prefix of the test ids: `<testId>-form`, `-<name>`, `-save`, `-saved`. */
  testId: string;
  /** A message here stops the save before anything is sent. */
  validate?: (value: string) => string | null;
  save: (value: string) => Promise<SaveResult<T>>;
  savedMessage: (data: T) => string;
  /** What the field shows once saved (the stored value, e.g. trimmed); by default what was typed. */
  savedValue?: (data: T) => string;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(initial);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  // Once the field is enabled again: it is disabled while a save runs, and a disabled field takes no focus.
  useEffect(() => {
    if (message?.error && !pending) inputRef.current?.focus();
  }, [message, pending]);

  const fail = (text: string) => setMessage({ error: true, text });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const invalid = validate?.(value);
    if (invalid) return fail(invalid);
    startTransition(async () => {
      const result = await save(value);
      if (!result.ok) return fail(result.fieldErrors?.[name]?.[0] ?? result.message);
      if (savedValue) setValue(savedValue(result.data));
      setMessage({ error: false, text: savedMessage(result.data) });
      router.refresh();
    });
  };

  const error = message?.error ? message.text : null;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="flex flex-wrap items-end gap-3 px-4 py-4"
      aria-label={formLabel}
      data-testid={`${testId}-form`}
    >
      <div>
        <label htmlFor={inputId} className="mb-1 block text-sm font-medium text-slate-700">
          {label}
        </label>
        <input
          ref={inputRef}
          id={inputId}
          name={name}
          {...input}
          required
          value={value}
          onChange={(e) => setValue(e.target.value)}
          disabled={pending}
          className={`${inputClass} ${widthClass}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(" ")}
          data-testid={`${testId}-${name}`}
        />
      </div>
      <button type="submit" className={buttonClass("primary")} disabled={pending} data-testid={`${testId}-save`}>
        {pending ? "Saving…" : "Save"}
      </button>
      <div className="basis-full text-xs" aria-live="polite">
        <p id={hintId} className="text-slate-500">
          {hint}
        </p>
        {error ? (
          <p id={errorId} role="alert" className="mt-1 font-medium text-rose-700">
            {error}
          </p>
        ) : null}
        {message && !message.error ? (
          <p className="mt-1 text-emerald-700" data-testid={`${testId}-saved`}>
            {message.text}
          </p>
        ) : null}
      </div>
    </form>
  );
}
