"use client";
// Saved views in the queue pane: the viewer's own and colleagues' shared ones as links, "Save this view" for the
// current filters, and Delete on one's own. The server normalises and audits (saveViewAction, deleteViewAction).
import { useMutation } from "@tanstack/react-query";
import { clsx } from "clsx";
import { Trash2, Users } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { deleteViewAction, saveViewAction } from "@/lib/features/inbox/saved-view-actions";
import { buttonClass, inputClass } from "@/components/ui/button";

export type SavedViewLink = { id: string; name: string; query: string; shared: boolean; mine: boolean };

export function SavedViews({ views, current }: { views: SavedViewLink[]; current: string }) {
  const router = useRouter();
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { name: useId(), shared: useId() };

  const save = useMutation({
    mutationFn: async () => {
      const result = await saveViewAction({ name, query: current, shared });
      if (!result.ok) throw new Error(result.fieldErrors?.name?.[0] ?? result.message);
    },
    onMutate: () => setError(null),
    onError: (failure) => setError(failure.message),
    onSuccess: () => {
      setSaving(false);
      setName("");
      setShared(false);
      router.refresh();
    },
  });
  const remove = useMutation({
    mutationFn: async (id: string) => {
      const result = await deleteViewAction({ id });
      if (!result.ok) throw new Error(result.message);
    },
    onMutate: () => setError(null),
    onError: (failure) => setError(failure.message),
    onSuccess: () => router.refresh(),
  });

  return (
    <div className="space-y-2" data-testid="saved-views">
      {views.length ? (
        <ul aria-label="Saved views" className="flex flex-wrap gap-1.5">
          {views.map((v) => (
            <li key={v.id} className="flex items-center" data-testid="saved-view" data-name={v.name}>
              <Link
                href={`/inbox?${v.query}`}
                aria-current={v.query === current ? "page" : undefined}
                className={clsx(
                  "inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-xs font-medium",
                  v.query === current
                    ? "border-indigo-600 bg-indigo-50 text-indigo-800"
                    : "border-slate-300 text-slate-700 hover:bg-slate-50",
                )}
              >
                {v.shared ? <Users aria-label="shared" className="size-3" /> : null}
                {v.name}
              </Link>
              {v.mine ? (
                <button
                  type="button"
                  className="ml-0.5 rounded p-0.5 text-slate-500 hover:text-rose-700"
                  onClick={() => remove.mutate(v.id)}
                  disabled={remove.isPending}
                  data-testid="saved-view-delete"
                >
                  <Trash2 aria-hidden className="size-3.5" />
                  <span className="sr-only">Delete the view {v.name}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {saving ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
          data-testid="save-view-form"
        >
          <label htmlFor={ids.name} className="sr-only">
            Name of the view
          </label>
          <input
            id={ids.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={60}
            placeholder="Name of the view"
            className={`${inputClass} min-w-0 flex-1`}
            data-testid="save-view-name"
          />
          <label htmlFor={ids.shared} className="flex items-center gap-1 text-xs text-slate-600">
            <input id={ids.shared} type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
            Share with the workspace
          </label>
          <button
            type="submit"
            className={buttonClass("secondary", "sm")}
            disabled={save.isPending}
            data-testid="save-view-submit"
          >
            Save
          </button>
          <button type="button" className={buttonClass("ghost", "sm")} onClick={() => setSaving(false)}>
            Cancel
          </button>
        </form>
      ) : current ? (
        <button
          type="button"
          className={buttonClass("ghost", "sm")}
          onClick={() => setSaving(true)}
          data-testid="save-view"
        >
          Save these filters as a view
        </button>
      ) : null}
      {error ? (
        <p role="alert" className="text-xs font-medium text-rose-700" data-testid="saved-view-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
