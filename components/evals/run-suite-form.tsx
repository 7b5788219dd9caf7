"use client";
// "Run against": the flow's current draft or one of its published versions. Opens the run's report, which refreshes
// itself until the run finishes.
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Play } from "lucide-react";
import { buttonClass, selectClass } from "@/components/ui/button";
import { runSuiteAction } from "@/lib/features/evals/actions";

export function RunSuiteForm({
  suiteId,
  versions,
  disabledReason,
}: {
  suiteId: string;
  versions: { id: string; number: number; isPublished: boolean }[];
  disabledReason?: string | null;
}) {
  const live = versions.find((v) => v.isPublished);
  const [target, setTarget] = useState(live ? live.id : "draft");
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const id = useId();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await runSuiteAction(
        target === "draft" ? { suiteId, target: "draft" } : { suiteId, target: "version", versionId: target },
      );
      if (!result.ok) {
        setMessage(result.message);
        return;
      }
      router.push(`/evals/runs/${result.data.runId}`);
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" data-testid="run-suite-form">
      <div>
        <label htmlFor={`${id}-target`} className="mb-1 block text-xs font-medium text-slate-600">
          Run against
        </label>
        <select
          id={`${id}-target`}
          className={selectClass}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          data-testid="run-target"
        >
          <option value="draft">Draft (current)</option>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              v{v.number}
              {v.isPublished ? " (live)" : ""}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className={buttonClass("primary")}
        disabled={pending || !!disabledReason}
        title={disabledReason ?? undefined}
        data-testid="run-suite"
      >
        <Play aria-hidden className="size-4" />
        {pending ? "Starting…" : "Run suite"}
      </button>
      {disabledReason ? <p className="w-full text-xs text-slate-500">{disabledReason}</p> : null}
      {message ? (
        <p role="alert" className="w-full text-sm font-medium text-rose-700">
          {message}
        </p>
      ) : null}
    </form>
  );
}
