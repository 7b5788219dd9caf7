"use client";
// Rollback = publish an older version's graph as a new version. Asks for a note (kept in the history) and says
// plainly what happens to the live flow and to the draft. One dialog per page, opened for the chosen version.
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { buttonClass, inputClass } from "@/components/ui/button";
import { rollbackFlowAction } from "@/lib/features/flows/draft-actions";

export function RollbackDialog({
  flowId,
  number,
  latest,
  onClose,
}: {
  flowId: string;
  /** The version to roll back to; the dialog is open while this is set. */
  number: number | null;
  latest: number;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const titleId = useId();
  const noteId = useId();
  const errorId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (number !== null && !dialog.open) {
      setNote("");
      setError(null);
      dialog.showModal();
      noteRef.current?.focus();
    } else if (number === null && dialog.open) {
      dialog.close();
    }
  }, [number]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (number === null) return;
    if (!note.trim()) {
      setError("Say why you are rolling back; the note is kept in the history.");
      noteRef.current?.focus();
      return;
    }
    startTransition(async () => {
      const result = await rollbackFlowAction({ flowId, versionNumber: number, note });
      if (!result.ok) {
        setError(result.fieldErrors?.note?.[0] ?? result.message);
        return;
      }
      onClose();
      router.push(`/flows/${flowId}/history?rolledBack=${result.data.number}`);
      router.refresh();
    });
  };

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 text-left shadow-xl backdrop:bg-slate-900/30"
      data-testid="rollback-dialog"
    >
      {number !== null ? (
        <form onSubmit={submit} className="space-y-4 p-5" noValidate>
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            Roll back to v{number}?
          </h2>
          <p className="text-sm text-slate-600">
            This publishes v{number}’s graph as a new version, <strong>v{latest + 1}</strong>, which customers get from
            their next conversation. The draft is replaced by it too, so unpublished changes in the editor are discarded
            (export the draft first if you need them). Conversations already running stay on their version.
          </p>
          <div>
            <label htmlFor={noteId} className="mb-1 block text-sm font-medium text-slate-700">
              Note <span className="font-normal text-slate-500">(required)</span>
            </label>
            <textarea
              ref={noteRef}
              id={noteId}
              rows={3}
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={`Why roll back to v${number}?`}
              className={inputClass}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              data-testid="rollback-note"
            />
          </div>
          {error ? (
            <p id={errorId} role="alert" className="text-sm font-medium text-rose-700">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass("ghost")} onClick={onClose} disabled={pending}>
              Cancel
            </button>
            <button type="submit" className={buttonClass("danger")} disabled={pending} data-testid="rollback-confirm">
              {pending ? "Rolling back…" : `Publish v${number} as v${latest + 1}`}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
