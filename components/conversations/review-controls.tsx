"use client";
// A reviewer's buttons under a routing decision: Right, or Wrong with the route it should have taken and a note.
// Re-marking replaces the earlier verdict (the verdict itself is drawn by RoutingReview around this).
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Check, X } from "lucide-react";
import { reviewRoutingAction } from "@/lib/features/conversations/actions";
import { buttonClass, inputClass, selectClass } from "@/components/ui/button";
import { ALL_TURN_STEPS } from "./turn-steps-key";

export function ReviewControls({
  stepId,
  alternatives,
  reviewed,
  expected: initialExpected,
  note: initialNote,
}: {
  stepId: string;
  /** The router's other routes, any of which the reviewer can name as the expected one. */
  alternatives: { id: string; label: string }[];
  reviewed: boolean;
  expected?: string;
  note?: string;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [marking, setMarking] = useState(false);
  const [expected, setExpected] = useState(initialExpected ?? alternatives[0]?.id ?? "");
  const [note, setNote] = useState(initialNote ?? "");
  const [error, setError] = useState<string | null>(null);

  const submit = (verdict: "correct" | "incorrect") =>
    startTransition(async () => {
      setError(null);
      const result = await reviewRoutingAction({
        stepId,
        verdict,
        expected: verdict === "incorrect" ? expected : undefined,
        note: note || undefined,
      });
      if (!result.ok) {
        setError(
          result.fieldErrors ? Object.values(result.fieldErrors).flat().join(" ") || result.message : result.message,
        );
        return;
      }
      setMarking(false);
      // The page's own turns come with the refresh; turns opened later were fetched, so they are fetched again.
      router.refresh();
      void queryClient.invalidateQueries({ queryKey: ALL_TURN_STEPS });
    });

  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-slate-500">{reviewed ? "Change verdict:" : "Was this the right route?"}</span>
        <button
          type="button"
          className={buttonClass("secondary", "sm")}
          disabled={pending}
          onClick={() => submit("correct")}
          data-testid="mark-right"
        >
          <Check className="size-3.5 text-emerald-700" aria-hidden /> Right
        </button>
        <button
          type="button"
          className={buttonClass("secondary", "sm")}
          disabled={pending || alternatives.length === 0}
          aria-expanded={marking}
          onClick={() => setMarking((m) => !m)}
          data-testid="mark-wrong"
        >
          <X className="size-3.5 text-rose-700" aria-hidden /> Wrong…
        </button>
      </div>
      {marking ? (
        <form
          className="flex flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-white p-2"
          onSubmit={(event) => {
            event.preventDefault();
            submit("incorrect");
          }}
        >
          <label className="space-y-1">
            <span className="block text-slate-600">Expected route</span>
            <select
              className={selectClass}
              value={expected}
              onChange={(e) => setExpected(e.target.value)}
              data-testid="expected-route"
            >
              {alternatives.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <label className="min-w-48 flex-1 space-y-1">
            <span className="block text-slate-600">Note (optional)</span>
            <input
              className={inputClass}
              value={note}
              maxLength={1000}
              onChange={(e) => setNote(e.target.value)}
              data-testid="review-note"
            />
          </label>
          <button
            type="submit"
            className={buttonClass("primary", "sm")}
            disabled={pending || !expected}
            data-testid="save-wrong"
          >
            Mark wrong
          </button>
        </form>
      ) : null}
      {error ? (
        <p className="text-rose-700" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
