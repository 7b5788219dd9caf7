// Simulated customers as test cases: each phrasing becomes a one-turn case expecting its route, so a suite measures
// how well the routers understand wording they were not trained on. A case keeps the examples it was made from: a run
// judges it by a router trained without them (held-out.ts, run-held-out.ts) when they were held out.
import "server-only";
import type { Member } from "@/lib/platform/auth/current-member";
import type { Tx } from "@/lib/platform/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/model/errors";
import type { CaseExpectations } from "./expectations";
import { normalizePhrasing } from "./offline-phrasings";
import type { RoutingBasis } from "./held-out";
import { simulatePhrasings } from "./simulate";

export type SimulatedCaseInput = {
  name: string;
  turns: [string];
  expectations: CaseExpectations & { routes: [string] };
  source: "simulated";
  /** The route examples the phrasing was made from. */
  simulatedFrom: string[];
};

const CASE_NAME_MAX = 120;

/** `Simulated · <route> · <n>`, numbered per route, skipping names in `taken` (the suite's existing cases). */
export function nameSimulatedCases(
  phrasings: { route: string; text: string; from: string[] }[],
  taken: Set<string> = new Set(),
): SimulatedCaseInput[] {
  const counters = new Map<string, number>();
  return phrasings.map(({ route, text, from }) => {
    let n = counters.get(route) ?? 0;
    let name: string;
    do name = `Simulated · ${route} · ${++n}`.slice(0, CASE_NAME_MAX);
    while (taken.has(name));
    counters.set(route, n);
    taken.add(name);
    return { name, turns: [text], expectations: { routes: [route] }, source: "simulated", simulatedFrom: from };
  });
}

export async function generateSimulatedCases(input: {
  workspaceId: string;
  flowId: string;
  perRoute: number;
  seed?: number;
  takenNames?: Set<string>;
}): Promise<(SimulatedCaseInput & { basis: RoutingBasis })[]> {
  const phrasings = await simulatePhrasings(input);
  const cases = nameSimulatedCases(phrasings, input.takenNames);
  return cases.map((c, i) => ({ ...c, basis: phrasings[i].basis }));
}

/**
 * Adds simulated cases to a suite of the member's workspace. Each click gives new phrasings (the seed advances with
 * the simulated cases already there; the held-out examples do not, see DEFAULT_HOLD_OUT) and a phrasing the suite
 * already has as a script is left out.
 */
export async function addSimulatedCases(tx: Tx, member: Member, input: { suiteId: string; perRoute: number }) {
  const suite = await tx.evalSuite.findFirst({
    where: { id: input.suiteId, workspaceId: member.workspaceId },
    select: { id: true, flowId: true, name: true },
  });
  if (!suite) throw new AppError("NOT_FOUND", { userMessage: "That test suite could not be found." });
  const existing = await tx.evalCase.findMany({
    where: { suiteId: suite.id },
    select: { name: true, turns: true, source: true },
  });
  const scripts = new Set(
    existing.flatMap((c) =>
      Array.isArray(c.turns) && c.turns.length === 1 && typeof c.turns[0] === "string"
        ? [normalizePhrasing(c.turns[0])]
        : [],
    ),
  );
  const seed = existing.filter((c) => c.source === "simulated").length + 1;
  const cases = (
    await generateSimulatedCases({
      workspaceId: member.workspaceId,
      flowId: suite.flowId,
      perRoute: input.perRoute,
      seed,
      takenNames: new Set(existing.map((c) => c.name)),
    })
  ).filter((c) => !scripts.has(normalizePhrasing(c.turns[0])));
  if (!cases.length)
    throw new AppError("VALIDATION", {
      userMessage: "No new phrasings could be made from this flow's route examples.",
    });
  await tx.evalCase.createMany({
    data: cases.map((c) => ({
      suiteId: suite.id,
      name: c.name,
      turns: c.turns as Prisma.InputJsonValue,
      expectations: c.expectations as Prisma.InputJsonValue,
      source: "simulated",
      simulatedFrom: c.simulatedFrom,
    })),
  });
  const routesWith = (basis?: RoutingBasis) => [
    ...new Set(cases.filter((c) => !basis || c.basis === basis).map((c) => c.expectations.routes[0])),
  ];
  return {
    suite,
    count: cases.length,
    routes: routesWith(),
    /** Routes whose cases were made from held-out examples, and those with too few examples to hold any out. */
    heldOutRoutes: routesWith("held_out"),
    trainingRoutes: routesWith("training"),
  };
}
