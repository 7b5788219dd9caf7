"use server";
import { z } from "zod";
import { defineAction } from "@/lib/features/define-action";
import { addSimulatedCases } from "@/lib/features/evals/simulated-cases";
import { DEFAULT_HOLD_OUT } from "@/lib/features/evals/held-out";

/** Adds 1–20 simulated customer phrasings per route to a suite, as one-turn cases expecting that route. */
export const addSimulatedCasesAction = defineAction({
  permission: "eval.run",
  schema: z.object({
    suiteId: z.string().min(1).max(64),
    perRoute: z.coerce.number().int().min(1, "At least 1.").max(20, "At most 20 per route."),
  }),
  // A configured model paraphrases each route in its own call, which can take longer than the default 5 s.
  timeoutMs: 120_000,
  handler: async (input, { member, tx }) => {
    const { suite, count, routes, heldOutRoutes, trainingRoutes } = await addSimulatedCases(tx, member, input);
    return {
      data: { count, routes, heldOutRoutes, trainingRoutes, heldOutShare: DEFAULT_HOLD_OUT.share },
      audit: {
        action: "eval_case.simulated",
        resourceType: "eval_case",
        resourceId: null,
        metadata: {
          suiteId: suite.id,
          suite: suite.name,
          count,
          perRoute: input.perRoute,
          routes,
          heldOutRoutes,
          trainingRoutes,
        },
      },
    };
  },
  revalidate: ["/evals"],
});
