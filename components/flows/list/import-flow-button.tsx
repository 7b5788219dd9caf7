"use client";
// "Import": a .flow.json file becomes a new flow (draft only). A bad file is refused as a whole, with every problem
// listed with where it is in the file.
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Upload } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { importFlowAction } from "@/lib/features/flows/actions";

type Problem = { path: string; message: string };

export function ImportFlowButton() {
  const inputRef = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<{ summary: string; list: Problem[] } | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();

  const onFile = (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ""; // choosing the same file again (after fixing it) fires change again
    if (!file) return;
    setProblems(null);
    startTransition(async () => {
      const text = await file.text();
      const result = await importFlowAction({ text, mode: "new" });
      if (!result.ok) {
        const list = Object.entries(result.fieldErrors ?? {}).flatMap(([path, messages]) =>
          messages.map((message) => ({ path: path === "_" ? "" : path, message })),
        );
        setProblems({
          summary: list.length
            ? `${file.name} cannot be imported: ${list.length} problem${list.length === 1 ? "" : "s"}.`
            : result.message,
          list,
        });
        return;
      }
      router.push(`/flows/${result.data.flowId}/edit`);
    });
  };

  return (
    <div className="relative">
      {/* A real button opens the file picker: a label over a visually hidden input left keyboard focus on an
          element nobody could see. The input itself is out of the tab order. */}
      <button
        type="button"
        onClick={() => inputRef.current?.click()}
        disabled={pending}
        className={buttonClass("secondary", "md")}
      >
        <Upload aria-hidden className="size-4" />
        {pending ? "Importing…" : "Import"}
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".json,application/json"
        className="hidden"
        tabIndex={-1}
        aria-hidden
        onChange={onFile}
        disabled={pending}
        data-testid="import-input"
      />
      {problems ? (
        <div
          role="alert"
          className="absolute right-0 z-10 mt-2 w-[28rem] max-w-[90vw] rounded-md border border-rose-200 bg-rose-50 p-3 text-left text-sm text-rose-900 shadow-lg"
          data-testid="import-errors"
        >
          <div className="flex items-start justify-between gap-2">
            <p className="font-medium">{problems.summary}</p>
            <button
              type="button"
              className="text-xs font-medium text-rose-800 hover:underline"
              onClick={() => setProblems(null)}
            >
              Dismiss
            </button>
          </div>
          {problems.list.length ? (
            <ul className="mt-2 max-h-64 space-y-1 overflow-y-auto">
              {problems.list.map((problem, i) => (
                <li key={i} className="text-xs" data-testid="import-error">
                  {problem.path ? <code className="mr-1 font-mono text-rose-700">{problem.path}</code> : null}
                  {problem.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
