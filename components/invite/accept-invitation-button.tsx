"use client";
import { Check } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptInvitationAction } from "@/lib/features/invite/actions";
import { buttonClass } from "@/components/ui/button";

/** Signed in as the invited account: one click joins the workspace and opens it. */
export function AcceptInvitationButton({ token, workspaceName }: { token: string; workspaceName: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState(false);

  return (
    <div className="space-y-3">
      <button
        type="button"
        className={buttonClass("primary", "md", "w-full")}
        disabled={pending || joined}
        data-testid="invite-accept"
        onClick={() => {
          setError(null);
          startTransition(async () => {
            const result = await acceptInvitationAction({ token });
            if (!result.ok) {
              setError(result.message);
              return;
            }
            setJoined(true);
            router.replace("/flows");
            router.refresh();
          });
        }}
      >
        <Check aria-hidden className="size-4" />
        {joined ? "Opening…" : pending ? "Joining…" : `Join ${workspaceName}`}
      </button>
      <div aria-live="polite">
        {error ? (
          <p className="text-sm font-medium text-rose-700" data-testid="invite-error">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
