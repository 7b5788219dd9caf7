"use client";
// The three questions for one sampled conversation. Keyboard: y / n answer the current question and move to the
// next, Enter submits once all three are answered, s skips the item; Tab and the radio buttons work as usual.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useState, useTransition } from "react";
import { answerReviewItemAction, skipReviewItemAction } from "@/lib/features/reviews/actions";
import { buttonClass, inputClass } from "@/components/ui/button";

const QUESTIONS = [
  { key: "routeCorrect", label: "Right route?", hint: "Did the router send the customer to the right specialist?" },
  { key: "resolved", label: "Resolved?", hint: "Was the customer's problem actually solved?" },
  {
    key: "guardrailCorrect",
    label: "Guardrails correct?",
    hint: "Did the guardrails fire when (and only when) they should have? Yes if none needed to.",
  },
] as const;
type Key = (typeof QUESTIONS)[number]["key"];
type Answers = Record<Key, boolean | null>;

export function ReviewForm({
  itemId,
  initial,
  nextHref,
}: {
  itemId: string;
  initial?: Partial<Answers> & { note?: string | null };
  nextHref: string;
}) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [answers, setAnswers] = useState<Answers>({
    routeCorrect: initial?.routeCorrect ?? null,
    resolved: initial?.resolved ?? null,
    guardrailCorrect: initial?.guardrailCorrect ?? null,
  });
  const [current, setCurrent] = useState(0);
  const [note, setNote] = useState(initial?.note ?? "");
  const [error, setError] = useState<string | null>(null);
  const complete = QUESTIONS.every((q) => answers[q.key] !== null);

  const done = useCallback(() => {
    router.push(nextHref);
    router.refresh();
  }, [router, nextHref]);

  const submit = useCallback(() => {
    if (pending) return;
    if (!complete) return setError("Answer all three questions (y / n).");
    startTransition(async () => {
      setError(null);
      const result = await answerReviewItemAction({
        itemId,
        routeCorrect: answers.routeCorrect!,
        resolved: answers.resolved!,
        guardrailCorrect: answers.guardrailCorrect!,
        note: note || undefined,
      });
      if (!result.ok) return setError(result.message);
      done();
    });
  }, [pending, complete, itemId, answers, note, done]);

  const skip = useCallback(() => {
    if (pending) return;
    startTransition(async () => {
      setError(null);
      const result = await skipReviewItemAction({ itemId });
      if (!result.ok) return setError(result.message);
      done();
    });
  }, [pending, itemId, done]);

  const answer = useCallback((index: number, value: boolean) => {
    setAnswers((a) => ({ ...a, [QUESTIONS[index].key]: value }));
    setCurrent(Math.min(QUESTIONS.length - 1, index + 1));
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      const typing = target?.closest("textarea, input[type=text], input[type=number], select, [contenteditable=true]");
      if (typing) return;
      const key = event.key.toLowerCase();
      if (key === "y" || key === "n") {
        event.preventDefault();
        answer(current, key === "y");
      } else if (key === "s") {
        event.preventDefault();
        skip();
      } else if (key === "enter" && !target?.closest("button, a")) {
        event.preventDefault();
        submit();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [current, answer, skip, submit]);

  return (
    <form
      className="space-y-4"
      data-testid="review-form"
      aria-describedby={`${id}-keys`}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {QUESTIONS.map((q, index) => (
        <fieldset
          key={q.key}
          className={`rounded-md border p-3 ${index === current ? "border-indigo-300 bg-indigo-50/40" : "border-slate-200"}`}
          data-testid={`question-${q.key}`}
          onFocus={() => setCurrent(index)}
        >
          <legend className="px-1 text-sm font-medium text-slate-900">{q.label}</legend>
          <p className="mb-2 text-xs text-slate-500">{q.hint}</p>
          <div className="flex gap-2">
            {([true, false] as const).map((value) => (
              <label
                key={String(value)}
                className={buttonClass(answers[q.key] === value ? "primary" : "secondary", "sm", "cursor-pointer")}
              >
                <input
                  type="radio"
                  className="sr-only"
                  name={`${id}-${q.key}`}
                  checked={answers[q.key] === value}
                  onChange={() => answer(index, value)}
                />
                {value ? "Yes" : "No"} <kbd className="text-[10px] opacity-70">{value ? "y" : "n"}</kbd>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <label htmlFor={`${id}-note`} className="block space-y-1 text-xs text-slate-600">
        <span className="block">Note (optional)</span>
        <textarea
          id={`${id}-note`}
          rows={2}
          maxLength={2000}
          className={inputClass}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      {error ? (
        <p role="alert" className="text-xs text-rose-700">
          {error}
        </p>
      ) : null}
      <div className="flex items-center gap-2">
        <button type="submit" className={buttonClass("primary", "md")} disabled={pending} data-testid="review-submit">
          Submit <kbd className="text-[10px]">Enter</kbd>
        </button>
        <button
          type="button"
          className={buttonClass("ghost", "md")}
          disabled={pending}
          onClick={skip}
          data-testid="review-skip"
        >
          Skip <kbd className="text-[10px] opacity-70">s</kbd>
        </button>
      </div>
      <p id={`${id}-keys`} className="text-xs text-slate-500">
        Keys: y / n answer the highlighted question, Enter submits, s skips.
      </p>
    </form>
  );
}
