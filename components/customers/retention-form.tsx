"use client";
// How long customer memory is kept. Admins change it here; everyone else sees the value.
import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setMemoryRetentionAction } from "@/lib/features/customers/actions";
import { buttonClass, inputClass } from "@/components/ui/button";
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, retentionDaysSchema } from "@/lib/runtime/memory/memory-schema";

export function RetentionForm({ days, canManage }: { days: number; canManage: boolean }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(String(days));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  if (!canManage) {
    return (
      <p className="px-4 py-4 text-sm text-slate-700" data-testid="retention-readonly">
        Customer memory is kept for <strong>{days}</strong> {days === 1 ? "day" : "days"} after its last update, then
        purged. Only admins can change this.
      </p>
    );
  }

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const parsed = retentionDaysSchema.safeParse(value);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Enter a number of days.");
      inputRef.current?.focus();
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await setMemoryRetentionAction({ days: parsed.data });
      if (!result.ok) {
        setError(result.fieldErrors?.days?.[0] ?? result.message);
        inputRef.current?.focus();
        return;
      }
      setSaved(
        result.data.changed
          ? `Saved: memory is now kept for ${result.data.days} days; ${result.data.redated} stored ${result.data.redated === 1 ? "entry was" : "entries were"} re-dated.`
          : "Nothing to change: that is the current retention.",
      );
      router.refresh();
    });
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      className="flex flex-wrap items-end gap-3 px-4 py-4"
      aria-label="Memory retention"
      data-testid="retention-form"
    >
      <div>
        <label htmlFor={inputId} className="mb-1 block text-sm font-medium text-slate-700">
          Keep customer memory for (days)
        </label>
        <input
          ref={inputRef}
          id={inputId}
          name="days"
          type="number"
          inputMode="numeric"
          min={MIN_RETENTION_DAYS}
          max={MAX_RETENTION_DAYS}
          step={1}
          required
          value={value}
          onChange={(e) => setValue(e.target.value)}
          disabled={pending}
          className={`${inputClass} w-32`}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(" ")}
          data-testid="retention-days"
        />
      </div>
      <button type="submit" className={buttonClass("primary")} disabled={pending} data-testid="retention-save">
        {pending ? "Saving…" : "Save"}
      </button>
      <div className="basis-full text-xs" aria-live="polite">
        <p id={hintId} className="text-slate-500">
          {MIN_RETENTION_DAYS}–{MAX_RETENTION_DAYS} days after a fact or summary was last updated; expired memory is
          purged daily. Changing it re-dates what is already stored.
        </p>
        {error ? (
          <p id={errorId} role="alert" className="mt-1 font-medium text-rose-700">
            {error}
          </p>
        ) : null}
        {saved ? (
          <p className="mt-1 text-emerald-700" data-testid="retention-saved">
            {saved}
          </p>
        ) : null}
      </div>
    </form>
  );
}
