// The shape of an evaluation suite the demo seeds: the cases of one flow, in the format a suite's cases are stored in.
import type { CaseExpectations } from "@/lib/features/evals/expectations";

export type DemoEvalCase = {
  name: string;
  turns: string[];
  expectations: CaseExpectations;
  /** The customer ref the case runs as, verified (as a signed-in customer); omitted: an anonymous visitor. */
  customer?: string;
};

export type DemoEvalSuite = {
  flowSlug: string;
  name: string;
  description: string;
  cases: DemoEvalCase[];
};

/** The small-talk cases both demo flows share, with each flow's own wording of the answers. */
export function smallTalkCases(answers: { greeting: string; welcome: string; goodbye: string }): DemoEvalCase[] {
  const { greeting, welcome, goodbye } = answers;
  return [
    {
      name: "Small talk: hello and thanks",
      turns: ["hello", "thanks"],
      expectations: {
        routes: [null, null],
        exactWordingTurns: [1, 2],
        escalated: false,
        finalStatus: "active",
        replyContains: [greeting, welcome],
      },
    },
    {
      name: "Small talk: hello and goodbye",
      turns: ["hi", "bye"],
      expectations: { exactWordingTurns: [1, 2], finalStatus: "resolved", replyContains: [greeting, goodbye] },
    },
  ];
}
