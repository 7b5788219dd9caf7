// Publish: a required release note, then publishFlowAction against the saved draft. On success the dialog closes
// and the editor's header announces the new version.
"use client";
import { useState } from "react";
import { buttonClass, inputClass } from "@/components/ui/button";
import { publishFlow } from "./draft-api";
import { Modal } from "./modal";

export function PublishDialog({
  open,
  onClose,
  flowId,
  ensureSaved,
  onPublished,
}: {
  open: boolean;
  onClose: () => void;
  flowId: string;
  ensureSaved: () => Promise<number | null>;
  onPublished: (number: number) => void;
}) {
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function close() {
    setError(null);
    onClose();
  }

  async function submit() {
    if (!note.trim()) {
      setError("Write a release note: it tells operators what changed.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const revision = await ensureSaved();
      if (revision === null) {
        setError("The draft could not be saved, so it was not published.");
        return;
      }
      const result = await publishFlow({ flowId, baseRevision: revision, note: note.trim() });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      // Close on success so the canvas is usable at once; the editor's header shows the new version.
      setNote("");
      onPublished(result.data.number);
      onClose();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} onClose={close} title="Publish this draft" testId="publish-dialog">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="text-sm text-slate-600">
          Publishing freezes the saved draft into the next numbered version. New conversations use it; conversations already running
          stay on their version.
        </p>
        <div>
          <label htmlFor="publish-note" className="mb-1 block text-sm font-medium text-slate-700">
            Release note
          </label>
          <textarea
            id="publish-note"
            data-testid="publish-note"
            required
            rows={3}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="What changed, and why"
            className={inputClass}
            aria-invalid={error && !note.trim() ? true : undefined}
            aria-describedby={error ? "publish-error" : undefined}
          />
        </div>
        {error ? (
          <p id="publish-error" role="alert" className="text-sm text-rose-700">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={close} className={buttonClass("secondary")}>
            Cancel
          </button>
          <button type="submit" disabled={busy || !note.trim()} className={buttonClass("primary")} data-testid="publish-confirm">
            {busy ? "Publishing…" : "Publish"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
