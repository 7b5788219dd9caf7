// Seeds the demo's evaluation suites. Idempotent: a suite (by flow and name) or a case (by name) that is missing is
// added, and nothing that exists is changed, so seeding again never overwrites what someone edited in the console.
import type { Tx } from "@/lib/platform/db/client";
import { caseExpectationsSchema, caseTurnsSchema } from "@/lib/features/evals/expectations";
import type { Prisma } from "@/lib/generated/prisma/client";
import { BANKING_CONVERSATION_SUITE } from "./banking-conversation-suite";
import type { DemoEvalSuite } from "./demo-eval-suite";
import { RETAIL_CONVERSATION_SUITE } from "./retail-conversation-suite";

export const DEMO_EVAL_SUITES: DemoEvalSuite[] = [RETAIL_CONVERSATION_SUITE, BANKING_CONVERSATION_SUITE];

export async function seedDemoEvalSuites(client: Tx, workspaceId: string): Promise<void> {
  for (const demo of DEMO_EVAL_SUITES) {
    const flow = await client.flow.findUnique({
      where: { workspaceId_slug: { workspaceId, slug: demo.flowSlug } },
      select: { id: true },
    });
    // A demo flow someone deleted takes its suite with it.
    if (!flow) continue;
    // Not gating: these suites describe the demo flows as seeded, and a designer who changes a flow should not find
    // publishing blocked by a suite they never wrote.
    const suite = await client.evalSuite.upsert({
      where: { flowId_name: { flowId: flow.id, name: demo.name } },
      create: {
        workspaceId,
        flowId: flow.id,
        name: demo.name,
        description: demo.description,
        passThreshold: 1,
        gatesPublish: false,
      },
      update: {},
      select: { id: true },
    });
    const existing = await client.evalCase.findMany({ where: { suiteId: suite.id }, select: { name: true } });
    const have = new Set(existing.map((c) => c.name));
    await client.evalCase.createMany({
      data: demo.cases
        .filter((c) => !have.has(c.name))
        .map((c) => ({
          suiteId: suite.id,
          name: c.name,
          turns: caseTurnsSchema.parse(c.turns),
          expectations: caseExpectationsSchema.parse(c.expectations) as Prisma.InputJsonValue,
          customerRef: c.customer ?? null,
        })),
    });
  }
}
