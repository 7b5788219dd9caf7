// Under a classifier's settings (a router, or the start node's interruption check): which mode suits the examples
// typed so far and what it costs, with a one-click switch when the other mode would serve better.
"use client";
import { Lightbulb } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { routerModeAdvice } from "@/lib/model/flow/router-mode-advice";
import type { FlowNode } from "@/lib/model/flow/schema";
import { useEditor } from "./store";

type Classifier = { path: string[]; mode: "fast" | "semantic"; examplesPerRoute: number[] };

function classifierOf(node: FlowNode): Classifier | null {
  if (node.kind === "router" && node.config.strategy === "classifier")
    return {
      path: ["mode"],
      mode: node.config.mode ?? "fast",
      examplesPerRoute: node.config.routes.map((r) => r.examples.length),
    };
  if (
    node.kind === "start" &&
    node.config.interruptions.strategy === "classifier" &&
    node.config.interruptions.routes.length
  )
    return {
      path: ["interruptions", "mode"],
      mode: node.config.interruptions.mode ?? "fast",
      examplesPerRoute: node.config.interruptions.routes.map((r) => r.examples.length),
    };
  return null;
}

export function RouterModeAdvice({ node }: { node: FlowNode }) {
  const setNodeConfigAt = useEditor((s) => s.setNodeConfigAt);
  const classifier = classifierOf(node);
  if (!classifier) return null;
  const advice = routerModeAdvice(classifier);
  return (
    <div
      role="note"
      aria-label="Classifier mode"
      className="rounded-md bg-sky-50 p-2.5 text-xs text-sky-950 ring-1 ring-sky-200"
    >
      <p className="flex gap-1.5">
        <Lightbulb aria-hidden className="mt-0.5 size-3.5 shrink-0" />
        <span>
          <span className="font-semibold">
            {advice.kind === "switch"
              ? `The ${advice.suggested} mode may suit these routes better. `
              : `Mode: ${classifier.mode}. `}
          </span>
          {advice.message}
        </span>
      </p>
      {advice.kind === "switch" ? (
        <button
          type="button"
          className={buttonClass("secondary", "sm", "mt-2")}
          onClick={() => setNodeConfigAt(node.id, classifier.path, advice.suggested)}
        >
          Use {advice.suggested} mode
        </button>
      ) : null}
    </div>
  );
}
