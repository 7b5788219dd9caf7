// The shape of an evaluation suite the demo seeds: the cases of one flow, in the format a suite's cases are stored in.
import type { CaseExpectations } from "@/lib/features/evals/expectations";

export type DemoEvalCase = { name: string; turns: string[]; expectations: CaseExpectations };

export type DemoEvalSuite = {
  flowSlug: string;
  name: string;
  description: string;
  cases: DemoEvalCase[];
};
