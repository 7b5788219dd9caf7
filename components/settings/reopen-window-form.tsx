"use client";
// The reopen window: a customer who writes again within it picks up the same conversation; later, a new one starts,
// linked to the old. Admins change it here; everyone else sees the value.
import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setReopenWindowAction } from "@/lib/features/settings/conversations/actions";
import { buttonClass, inputClass } from "@/components/ui/button";

const MAX_DAYS = 90;

export function ReopenWindowForm({ days, canManage }: { days: number; canManage: boolean }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(String(days));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const inputId = useId();
  const hintId = useId();

  if (!canManage) {
    return (
      <p className="px-4 py-4 text-sm text-slate-700" data-testid="reopen-window-readonly">
        A customer who writes within <strong>{days}</strong> {days === 1 ? "day" : "days"} of a conversation&apos;s end
        reopens it; later, a new conversation starts, linked to the old one. Only admins can change this.
      </p>
    );
  }

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    startTransition(async () => {
      const result = await setReopenWindowAction({ days: value });
      if (!result.ok) {
        setMessage({ error: true, text: result.fieldErrors?.days?.[0] ?? result.message });
        inputRef.current?.focus();
        return;
      }
      setMessage({
        error: false,
        text: result.data.changed
          ? `Saved: ${result.data.days} days.`
          : "Nothing to change: that is the current window.",
      });
      router.refresh();
    });
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3 px-4 py-4" aria-label="Reopen window">
      <div>
        <label htmlFor={inputId} className="mb-1 block text-sm font-medium text-slate-700">
          Reopen ended conversations for (days)
        </label>
        <input
          ref={inputRef}
          id={inputId}
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_DAYS}
          step={1}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          disabled={pending}
          className={`${inputClass} w-32`}
          aria-invalid={message?.error ? true : undefined}
          aria-describedby={hintId}
          data-testid="reopen-window-days"
        />
      </div>
      <button type="submit" className={buttonClass("primary")} disabled={pending} data-testid="reopen-window-save">
        {pending ? "Saving…" : "Save"}
      </button>
      <div className="basis-full text-xs" aria-live="polite">
        <p id={hintId} className="text-slate-500">
          0–{MAX_DAYS} days. Within it, a customer&apos;s message reopens the conversation (back in Live, the flow from
          its start, audited); after it, a new conversation continues it. 0 always starts a new one.
        </p>
        {message ? (
          <p
            role={message.error ? "alert" : undefined}
            className={message.error ? "mt-1 font-medium text-rose-700" : "mt-1 text-emerald-700"}
          >
            {message.text}
          </p>
        ) : null}
      </div>
    </form>
  );
}
