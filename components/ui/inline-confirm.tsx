"use client";
// The second step of a destructive button, in place of it: the question, the action (focused, so a keyboard user
// confirms with Enter) and Cancel. One shape for every "are you sure?" in the console.
import { clsx } from "clsx";
import { buttonClass } from "@/components/ui/button";

export function InlineConfirm({
  label,
  question,
  action,
  pendingAction,
  pending,
  onConfirm,
  onCancel,
  testId,
  className,
  questionClassName = "text-xs text-slate-700",
}: {
  /** The group's accessible name ("Confirm removing ada@example.com"). */
  label: string;
  question: React.ReactNode;
  action: string;
  pendingAction: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId: string;
  className?: string;
  questionClassName?: string;
}) {
  return (
    <div role="group" aria-label={label} className={clsx("flex items-center gap-2", className)}>
      <span className={questionClassName}>{question}</span>
      <button
        type="button"
        className={buttonClass("danger", "sm")}
        disabled={pending}
        onClick={onConfirm}
        data-testid={testId}
        autoFocus
      >
        {pending ? pendingAction : action}
      </button>
      <button type="button" className={buttonClass("ghost", "sm")} disabled={pending} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
