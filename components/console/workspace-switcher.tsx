"use client";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { switchWorkspaceAction } from "@/lib/features/settings/workspace-actions";
import { selectClass } from "@/components/ui/button";

export function WorkspaceSwitcher({
  workspaces,
  currentId,
}: {
  workspaces: { id: string; name: string }[];
  currentId: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  // The drawer on narrow screens renders a second switcher beside the (hidden) sidebar's.
  const id = useId();

  return (
    <div className="min-w-0">
      <label htmlFor={id} className="sr-only">
        Workspace
      </label>
      <select
        id={id}
        className={`${selectClass} w-full`}
        value={currentId}
        disabled={pending}
        onChange={(event) => {
          const workspaceId = event.target.value;
          setError(null);
          startTransition(async () => {
            const result = await switchWorkspaceAction({ workspaceId });
            if (!result.ok) {
              setError(result.message);
              return;
            }
            // Ids in the current URL belong to the old workspace; start from its flows.
            router.push("/flows");
            router.refresh();
          });
        }}
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-rose-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
