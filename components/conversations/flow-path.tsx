"use client";
// The path card: loads the (heavy) canvas only once the card scrolls into view, so the trace above renders first.
// Clicking a node scrolls to its first step in the transcript and highlights all of its steps.
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { FlowPathView } from "@/lib/features/conversations/prepare-flow-path";

const PathCanvas = dynamic(() => import("./path-canvas"), {
  ssr: false,
  loading: () => (
    <div className="grid h-[26rem] place-items-center bg-slate-50 text-sm text-slate-500">Loading the flow…</div>
  ),
});

const HIGHLIGHT = ["ring-2", "ring-amber-400", "rounded-md", "bg-amber-50"];

function showSteps(nodeId: string) {
  const steps = [...document.querySelectorAll<HTMLElement>(`[data-testid="trace-step"]`)].filter(
    (el) => el.dataset.nodeId === nodeId,
  );
  for (const el of document.querySelectorAll<HTMLElement>("[data-step-highlight]")) {
    el.classList.remove(...HIGHLIGHT);
    delete el.dataset.stepHighlight;
  }
  for (const el of steps) {
    el.classList.add(...HIGHLIGHT);
    el.dataset.stepHighlight = "true";
  }
  steps[0]?.scrollIntoView({ behavior: "smooth", block: "center" });
  return steps.length;
}

export function FlowPath({ path }: { path: FlowPathView }) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el || visible) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setVisible(true);
      },
      { rootMargin: "200px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [visible]);

  return (
    <div ref={ref}>
      {visible ? (
        <PathCanvas
          path={path}
          onSelectNode={(id) => {
            const label = path.nodes.find((n) => n.id === id)?.label ?? id;
            const count = showSteps(id);
            setMessage(
              count
                ? `${label}: ${count} ${count === 1 ? "step" : "steps"} highlighted in the transcript.`
                : `${label} did not run in this conversation.`,
            );
          }}
        />
      ) : (
        <div className="h-[26rem] bg-slate-50" />
      )}
      <p className="px-4 py-2 text-xs text-slate-500" role="status">
        {message ?? "Click a node to find its steps in the transcript."}
      </p>
    </div>
  );
}
