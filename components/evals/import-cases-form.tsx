"use client";
// Import cases from a CSV or JSON file. All or nothing: if any row is wrong, every problem is listed with its row and
// nothing is added.
import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Upload } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { MAX_IMPORT_BYTES } from "@/lib/features/evals/import-cases";
import { importCasesAction } from "@/lib/features/evals/actions";

export function ImportCasesForm({ suiteId }: { suiteId: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const id = useId();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (!file) {
      setErrors(["Choose a .csv or .json file first."]);
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setErrors([`The file is larger than ${MAX_IMPORT_BYTES / 1_000_000} MB.`]);
      return;
    }
    startTransition(async () => {
      const text = await file.text();
      const result = await importCasesAction({ suiteId, fileName: file.name, text });
      if (!result.ok) {
        setErrors(result.fieldErrors?.file ?? [result.message]);
        return;
      }
      setErrors([]);
      setDone(`Imported ${result.data.count} ${result.data.count === 1 ? "case" : "cases"} from ${file.name}.`);
      setFile(null);
      if (inputRef.current) inputRef.current.value = "";
      router.refresh();
    });
  };

  return (
    <form onSubmit={submit} className="space-y-2" data-testid="import-cases-form">
      <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-700">
        Import cases from a file
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={inputRef}
          id={`${id}-file`}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          className="text-sm text-slate-700 file:mr-2 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-2.5 file:py-1 file:text-sm"
          aria-describedby={`${id}-hint${errors.length ? ` ${id}-errors` : ""}`}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setErrors([]);
            setDone(null);
          }}
          data-testid="import-file"
        />
        <button type="submit" className={buttonClass("secondary", "sm")} disabled={pending} data-testid="import-submit">
          <Upload aria-hidden className="size-3.5" />
          {pending ? "Importing…" : "Import"}
        </button>
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        CSV with a header row: <code className="font-mono">name, turns</code> and optionally{" "}
        <code className="font-mono">
          route, tools_called, tools_not_called, escalated, final_status, reply_contains, reply_not_contains
        </code>
        ; separate several turns or values with <code className="font-mono">||</code>. Or JSON: an array of{" "}
        <code className="font-mono">{"{ name, turns, expectations }"}</code>.
      </p>
      {errors.length ? (
        <div
          id={`${id}-errors`}
          role="alert"
          className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
          data-testid="import-errors"
        >
          <p className="font-medium">Nothing was imported{errors.length > 1 ? ` (${errors.length} problems)` : ""}:</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {errors.slice(0, 50).map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
          {errors.length > 50 ? <p className="mt-1">…and {errors.length - 50} more.</p> : null}
        </div>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-emerald-700">
          {done}
        </p>
      ) : null}
    </form>
  );
}
