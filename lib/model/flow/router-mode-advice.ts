// What the designer tells someone choosing a classifier's mode, from the examples they typed and the figures
// `npm run bench:routing` printed on this machine class (BANKING77, 10 examples per intent, seeds 1–3; README →
// Routing). Pure, so the inspector and its tests read the same advice.
import type { RouterMode } from "./schema";

/** Below this many examples per route (the median), the semantic mode is worth its cost. */
export const FEW_EXAMPLES = 20;

export const MODE_FIGURES = {
  fast: { tenShotAccuracy: "about 74%", fullAccuracy: "about 91%", perMessage: "about 0.1 ms" },
  semantic: {
    tenShotAccuracy: "about 80%",
    fullAccuracy: "about 92%",
    perMessage: "about 13 ms (off the event loop)",
    memory: "about 180 MB per process",
    publish: "about 10 ms per example when publishing",
  },
} as const;

export type ModeAdvice = {
  /** "switch": the other mode would serve these routes better; "cost": what the chosen mode costs. */
  kind: "switch" | "cost";
  suggested: RouterMode;
  medianExamples: number;
  message: string;
};

function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function routerModeAdvice(options: { mode: RouterMode; examplesPerRoute: readonly number[] }): ModeAdvice {
  const medianExamples = median(options.examplesPerRoute);
  const few = medianExamples < FEW_EXAMPLES;
  const { fast, semantic } = MODE_FIGURES;
  const trade = `With 10 examples per route, semantic routing was right ${semantic.tenShotAccuracy} of the time against ${fast.tenShotAccuracy} for fast, for ${semantic.perMessage} per message instead of ${fast.perMessage}, ${semantic.memory} and ${semantic.publish}.`;
  const routes = `Routes here have ${medianExamples} example${medianExamples === 1 ? "" : "s"} each (median).`;
  if (options.mode === "fast") {
    return few
      ? { kind: "switch", suggested: "semantic", medianExamples, message: `${routes} ${trade}` }
      : {
          kind: "cost",
          suggested: "fast",
          medianExamples,
          message: `${routes} With ${FEW_EXAMPLES} or more per route the fast mode is usually close to semantic, at ${fast.perMessage} per message.`,
        };
  }
  return few
    ? { kind: "cost", suggested: "semantic", medianExamples, message: `${routes} ${trade}` }
    : {
        kind: "switch",
        suggested: "fast",
        medianExamples,
        message: `${routes} With this many, fast routing is usually within a point or two of semantic (BANKING77 with all of its examples: ${fast.fullAccuracy} against ${semantic.fullAccuracy}) at ${fast.perMessage} per message instead of ${semantic.perMessage}.`,
      };
}
