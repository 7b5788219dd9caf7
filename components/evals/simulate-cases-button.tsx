"use client";
// "Simulate customers": adds N generated phrasings per route to a suite as one-turn cases expecting that route, and
// says whether they were made from held-out examples (judged by a router not trained on them) or trained-on ones.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Sparkles } from "lucide-react";
import { addSimulatedCasesAction } from "@/lib/features/evals/simulate-actions";
import { buttonClass, inputClass } from "@/components/ui/button";

export function SimulateCasesButton({ suiteId, defaultPerRoute = 5 }: { suiteId: string; defaultPerRoute?: number }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [perRoute, setPerRoute] = useState(String(defaultPerRoute));
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  return (
    <form
      className="flex flex-wrap items-end gap-2"
      data-testid="simulate-cases"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          setMessage(null);
          const result = await addSimulatedCasesAction({ suiteId, perRoute: Number(perRoute) });
          if (!result.ok) {
            setMessage({ tone: "error", text: result.fieldErrors?.perRoute?.join(" ") || result.message });
            return;
          }
          const { count, routes, heldOutRoutes, trainingRoutes, heldOutShare } = result.data;
          setMessage({
            tone: "ok",
            text: [
              `Added ${count} simulated ${count === 1 ? "case" : "cases"} across ${routes.length} ${routes.length === 1 ? "route" : "routes"}`,
              heldOutRoutes.length
                ? `, made from held-out examples (${Math.round(heldOutShare * 100)}% of each route's; runs judge them by a router not trained on those).`
                : ".",
              trainingRoutes.length
                ? ` ${trainingRoutes.join(", ")}: too few examples to hold any out, so those cases reuse trained-on examples (optimistic).`
                : "",
            ].join(""),
          });
          router.refresh();
        });
      }}
    >
      <label htmlFor={`${id}-per-route`} className="space-y-1 text-xs text-slate-600">
        <span className="block">Phrasings per route</span>
        <input
          id={`${id}-per-route`}
          name="perRoute"
          type="number"
          min={1}
          max={20}
          required
          className={`${inputClass} w-24`}
          value={perRoute}
          onChange={(e) => setPerRoute(e.target.value)}
        />
      </label>
      <button
        type="submit"
        className={buttonClass("secondary", "md")}
        disabled={pending}
        aria-describedby={`${id}-status`}
      >
        <Sparkles className="size-4 text-indigo-600" aria-hidden /> {pending ? "Simulating…" : "Simulate customers"}
      </button>
      <p
        id={`${id}-status`}
        role="status"
        className={message?.tone === "error" ? "text-xs text-rose-700" : "text-xs text-slate-600"}
      >
        {message?.text ?? ""}
      </p>
    </form>
  );
}
