"use client";
// Delete a suite or a case: the first press asks, the second (the same button, now "Confirm") deletes.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Trash2 } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { deleteCaseAction, deleteSuiteAction } from "@/lib/features/evals/actions";

export function DeleteButton({
  kind,
  id,
  name,
  redirectTo,
}: {
  kind: "suite" | "case";
  id: string;
  name: string;
  redirectTo?: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();

  const run = () => {
    if (!confirming) {
      setConfirming(true);
      return;
    }
    startTransition(async () => {
      const result =
        kind === "suite" ? await deleteSuiteAction({ suiteId: id }) : await deleteCaseAction({ caseId: id });
      if (!result.ok) {
        setMessage(result.message);
        setConfirming(false);
        return;
      }
      if (redirectTo) router.push(redirectTo);
      else router.refresh();
    });
  };

  return (
    <span className="inline-flex items-center gap-1">
      <button
        type="button"
        className={buttonClass(confirming ? "danger" : "dangerGhost", kind === "case" ? "sm" : "md")}
        onClick={run}
        onBlur={() => !pending && setConfirming(false)}
        disabled={pending}
        aria-label={confirming ? `Confirm: delete ${kind} ${name}` : `Delete ${kind} ${name}`}
        data-testid={`delete-${kind}`}
      >
        <Trash2 aria-hidden className="size-3.5" />
        {pending
          ? "Deleting…"
          : confirming
            ? kind === "suite"
              ? "Delete suite, its cases and runs?"
              : "Confirm delete"
            : "Delete"}
      </button>
      {message ? (
        <span role="alert" className="text-xs text-rose-700">
          {message}
        </span>
      ) : null}
    </span>
  );
}
