"use client";
// Erasure on request: a confirmation dialog that asks for the customer's ref typed again and a reason (kept in the
// audit trail), then shows what was erased, table by table.
import { Eraser } from "lucide-react";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { eraseCustomerMemoryAction } from "@/lib/features/customers/actions";
import { buttonClass, inputClass } from "@/components/ui/button";

type Counts = { memories: number; conversations: number; steps: number; spans: number; escalations: number };

const COUNT_LABELS: { key: keyof Counts; label: string }[] = [
  { key: "memories", label: "Memory entries deleted" },
  { key: "conversations", label: "Conversation states scrubbed" },
  { key: "steps", label: "Steps scrubbed" },
  { key: "spans", label: "Trace spans scrubbed" },
  { key: "escalations", label: "Escalation contexts scrubbed" },
];

export function EraseMemoryDialog({ customerId, customerRef }: { customerId: string; customerRef: string }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ confirmRef?: string; reason?: string; form?: string }>({});
  const [counts, setCounts] = useState<Counts | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const titleId = useId();
  const descId = useId();
  const ids = { confirm: useId(), reason: useId() };

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      confirmRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const openDialog = () => {
    setTyped("");
    setReason("");
    setErrors({});
    setCounts(null);
    setOpen(true);
  };

  const matches = typed.trim().toLowerCase() === customerRef.toLowerCase();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!matches) next.confirmRef = `Type ${customerRef} exactly to confirm.`;
    if (reason.trim().length < 3) next.reason = "Say why (e.g. the customer's erasure request).";
    setErrors(next);
    if (next.confirmRef || next.reason) {
      (next.confirmRef ? confirmRef.current : dialogRef.current?.querySelector<HTMLElement>("textarea"))?.focus();
      return;
    }
    startTransition(async () => {
      const result = await eraseCustomerMemoryAction({ customerId, confirmRef: typed, reason });
      if (!result.ok) {
        setErrors({
          confirmRef: result.fieldErrors?.confirmRef?.[0],
          reason: result.fieldErrors?.reason?.[0],
          form: result.message,
        });
        return;
      }
      setCounts(result.data);
      router.refresh();
    });
  };

  return (
    <>
      <button type="button" className={buttonClass("danger")} onClick={openDialog} data-testid="erase-memory-open">
        <Eraser aria-hidden className="size-4" />
        Erase memory
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        aria-describedby={descId}
        onClose={() => setOpen(false)}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-0 text-left shadow-xl backdrop:bg-slate-900/30"
        data-testid="erase-memory-dialog"
      >
        {open ? (
          counts ? (
            <div className="space-y-4 p-5">
              <h2 id={titleId} className="text-base font-semibold text-slate-900">
                Memory of {customerRef} erased
              </h2>
              <p id={descId} className="text-sm text-slate-600">
                The erasure is recorded in the audit trail with these counts and your reason; the erased values are not.
              </p>
              <dl
                className="divide-y divide-slate-100 rounded-md border border-slate-200"
                data-testid="erase-memory-counts"
                role="status"
              >
                {COUNT_LABELS.map(({ key, label }) => (
                  <div key={key} className="flex justify-between px-3 py-1.5 text-sm">
                    <dt className="text-slate-600">{label}</dt>
                    <dd className="font-medium tabular-nums text-slate-900" data-testid={`erase-count-${key}`}>
                      {counts[key]}
                    </dd>
                  </div>
                ))}
              </dl>
              <div className="flex justify-end">
                <button type="button" className={buttonClass("primary")} onClick={() => setOpen(false)} autoFocus>
                  Done
                </button>
              </div>
            </div>
          ) : (
            <form onSubmit={submit} className="space-y-4 p-5" noValidate>
              <h2 id={titleId} className="text-base font-semibold text-slate-900">
                Erase {customerRef}’s memory?
              </h2>
              <p id={descId} className="text-sm text-slate-600">
                This deletes every fact and conversation summary remembered about this customer, and removes the copies
                kept in their conversations’ state, steps, trace spans and escalations. It cannot be undone. Transcripts
                are kept.
              </p>
              <div>
                <label htmlFor={ids.confirm} className="mb-1 block text-sm font-medium text-slate-700">
                  Type <code className="rounded bg-slate-100 px-1 font-mono text-slate-900">{customerRef}</code> to
                  confirm
                </label>
                <input
                  ref={confirmRef}
                  id={ids.confirm}
                  value={typed}
                  onChange={(e) => setTyped(e.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  className={inputClass}
                  disabled={pending}
                  aria-invalid={errors.confirmRef ? true : undefined}
                  aria-describedby={errors.confirmRef ? `${ids.confirm}-error` : undefined}
                  data-testid="erase-memory-confirm"
                />
                {errors.confirmRef ? (
                  <p id={`${ids.confirm}-error`} className="mt-1 text-xs text-rose-700">
                    {errors.confirmRef}
                  </p>
                ) : null}
              </div>
              <div>
                <label htmlFor={ids.reason} className="mb-1 block text-sm font-medium text-slate-700">
                  Reason <span className="font-normal text-slate-500">(required, kept in the audit trail)</span>
                </label>
                <textarea
                  id={ids.reason}
                  rows={3}
                  maxLength={500}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  placeholder="e.g. Erasure request received by e-mail on 3 March"
                  className={inputClass}
                  disabled={pending}
                  aria-invalid={errors.reason ? true : undefined}
                  aria-describedby={errors.reason ? `${ids.reason}-error` : undefined}
                  data-testid="erase-memory-reason"
                />
                {errors.reason ? (
                  <p id={`${ids.reason}-error`} className="mt-1 text-xs text-rose-700">
                    {errors.reason}
                  </p>
                ) : null}
              </div>
              {errors.form ? (
                <p role="alert" className="text-sm font-medium text-rose-700">
                  {errors.form}
                </p>
              ) : null}
              <div className="flex justify-end gap-2">
                <button
                  type="button"
                  className={buttonClass("ghost")}
                  onClick={() => setOpen(false)}
                  disabled={pending}
                >
                  Cancel
                </button>
                <button
                  type="submit"
                  className={buttonClass("danger")}
                  disabled={pending || !matches}
                  data-testid="erase-memory-submit"
                >
                  {pending ? "Erasing…" : "Erase memory"}
                </button>
              </div>
            </form>
          )
        ) : null}
      </dialog>
    </>
  );
}
