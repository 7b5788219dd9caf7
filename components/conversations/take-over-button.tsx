"use client";
// "Take over" on the conversation page: the flow stops answering and the conversation becomes an escalation the
// operator owns (the same action the Inbox uses).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Headset } from "lucide-react";
import { takeOverAction } from "@/lib/features/inbox/actions";
import { buttonClass } from "@/components/ui/button";

export function TakeOverButton({ conversationId }: { conversationId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      {error ? (
        <span className="text-xs text-rose-700" role="alert">
          {error}
        </span>
      ) : null}
      <button
        type="button"
        className={buttonClass("primary", "sm")}
        disabled={pending}
        data-testid="take-over"
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await takeOverAction({ conversationId });
            if (!result.ok) setError(result.message);
            else router.refresh();
          })
        }
      >
        <Headset className="size-3.5" aria-hidden />
        {pending ? "Taking over…" : "Take over"}
      </button>
    </span>
  );
}
