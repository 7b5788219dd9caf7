"use client";
// "Sample N": draws N random recent production conversations (optionally of one flow) into the review queue.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Shuffle } from "lucide-react";
import { sampleReviewItemsAction } from "@/lib/features/reviews/actions";
import { buttonClass, inputClass, selectClass } from "@/components/ui/button";

export function SampleForm({ flows }: { flows: { id: string; name: string }[] }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [count, setCount] = useState("10");
  const [flowId, setFlowId] = useState("");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  return (
    <form
      className="flex flex-wrap items-end gap-2"
      data-testid="sample-form"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          setMessage(null);
          const result = await sampleReviewItemsAction({ count: Number(count), flowId: flowId || undefined });
          if (!result.ok)
            return setMessage({ error: true, text: result.fieldErrors?.count?.join(" ") || result.message });
          const n = result.data.sampled;
          setMessage({
            error: false,
            text: n
              ? `Sampled ${n} ${n === 1 ? "conversation" : "conversations"}.`
              : "No new conversations to sample: none ended or escalated in the last 7 days that is not already in the queue.",
          });
          router.refresh();
        });
      }}
    >
      <label htmlFor={`${id}-flow`} className="space-y-1 text-xs text-slate-600">
        <span className="block">Flow</span>
        <select id={`${id}-flow`} className={selectClass} value={flowId} onChange={(e) => setFlowId(e.target.value)}>
          <option value="">All flows</option>
          {flows.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-count`} className="space-y-1 text-xs text-slate-600">
        <span className="block">How many</span>
        <input
          id={`${id}-count`}
          type="number"
          min={1}
          max={100}
          required
          className={`${inputClass} w-20`}
          value={count}
          onChange={(e) => setCount(e.target.value)}
        />
      </label>
      <button type="submit" className={buttonClass("primary", "md")} disabled={pending} data-testid="sample-submit">
        <Shuffle aria-hidden className="size-4" /> {pending ? "Sampling…" : `Sample ${count || "N"}`}
      </button>
      <p
        role="status"
        className={message?.error ? "basis-full text-xs text-rose-700" : "basis-full text-xs text-slate-600"}
      >
        {message?.text ?? ""}
      </p>
    </form>
  );
}
