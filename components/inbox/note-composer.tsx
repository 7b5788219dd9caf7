"use client";
// An internal note for the other members: stored with the conversation, shown in the timeline on amber, never sent to
// the customer. Ctrl/⌘+Enter saves; the note appears at once and stays if the server refuses it only long enough to
// say why.
import { useMutation } from "@tanstack/react-query";
import { Lock } from "lucide-react";
import { useId, useState, type RefObject } from "react";
import { addNoteAction } from "@/lib/features/inbox/note-actions";
import { buttonClass, inputClass } from "@/components/ui/button";
import { useOptimisticTimeline } from "./use-ticket-timeline";

export function NoteComposer({
  conversationId,
  author,
  maxLength,
  boxRef,
}: {
  conversationId: string;
  author: string;
  maxLength: number;
  boxRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const ids = { box: useId(), hint: useId() };
  const timeline = useOptimisticTimeline(conversationId);
  const save = useMutation({
    mutationFn: async (text: string) => {
      const result = await addNoteAction({ conversationId, body: text });
      if (!result.ok) throw new Error(result.fieldErrors?.body?.[0] ?? result.message);
      return result.data;
    },
    onMutate: (text) => {
      setError(null);
      setBody("");
      return timeline.add({
        kind: "note",
        id: `pending-note-${Date.now()}`,
        author,
        body: text.trim(),
        at: new Date().toISOString(),
      });
    },
    onError: (failure, text, previous) => {
      timeline.restore(previous);
      setBody(text);
      setError(failure.message);
    },
    onSettled: () => timeline.refetch(),
  });

  const submit = () => {
    if (save.isPending) return;
    if (!body.trim()) {
      setError("Write the note first.");
      boxRef.current?.focus();
      return;
    }
    save.mutate(body);
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      className="space-y-2"
      data-testid="note-form"
    >
      <label htmlFor={ids.box} className="flex items-center gap-1.5 text-sm font-medium text-slate-900">
        <Lock aria-hidden className="size-3.5 text-amber-700" />
        Internal note{" "}
        <span className="font-normal text-slate-500">(only members see it; not sent to the customer)</span>
      </label>
      <textarea
        ref={boxRef}
        id={ids.box}
        rows={3}
        value={body}
        maxLength={maxLength}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
        aria-describedby={ids.hint}
        aria-invalid={error ? true : undefined}
        className={`${inputClass} bg-amber-50/60`}
        data-testid="note-input"
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p id={ids.hint} className="text-xs text-slate-500">
          <kbd className="rounded border border-slate-300 px-1 font-mono">Ctrl</kbd>/
          <kbd className="rounded border border-slate-300 px-1 font-mono">⌘</kbd>+
          <kbd className="rounded border border-slate-300 px-1 font-mono">Enter</kbd> saves
        </p>
        <button type="submit" className={buttonClass("secondary")} disabled={save.isPending} data-testid="note-save">
          {save.isPending ? "Saving…" : "Add note"}
        </button>
      </div>
      {error ? (
        <p role="alert" className="text-sm font-medium text-rose-700" data-testid="note-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
