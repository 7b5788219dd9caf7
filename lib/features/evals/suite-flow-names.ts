// The routes and tools a suite's cases may name: those of its flow's draft and of the live version, since a suite's
// runs target either. Cases that name anything else are refused when saved or imported (expectation-names.ts).
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import { flowRouteNames, flowToolNames, labelWithName } from "@/lib/model/flow/flow-names";
import { draftGraphSchema } from "@/lib/model/flow/schema";
import type { CaseExpectations } from "./expectations";
import { mergeFlowNames, unknownNames, type FlowNames } from "./expectation-names";

export function graphNames(graph: unknown): FlowNames {
  const parsed = draftGraphSchema.safeParse(graph);
  const nodes = parsed.success ? parsed.data.nodes : [];
  return { routes: flowRouteNames(nodes), tools: flowToolNames(nodes) };
}

export async function suiteFlowNames(tx: Pick<Tx, "flow">, flowId: string): Promise<FlowNames> {
  const flow = await tx.flow.findUniqueOrThrow({
    where: { id: flowId },
    select: { draft: true, publishedVersion: { select: { graph: true } } },
  });
  return mergeFlowNames([
    graphNames(flow.draft),
    ...(flow.publishedVersion ? [graphNames(flow.publishedVersion.graph)] : []),
  ]);
}

/**
 * Refuses expectations naming a route or tool the flow does not have. `where` names the case in an import ("Row 3"):
 * then the problems are the file's, otherwise each sits on its expectation field.
 */
export function assertKnownNames(
  names: FlowNames,
  cases: { expectations: CaseExpectations }[],
  where?: (index: number) => string,
): void {
  const fieldErrors: Record<string, string[]> = {};
  const messages: string[] = [];
  cases.forEach((c, index) => {
    for (const problem of unknownNames(c.expectations, names)) {
      const field = where ? "file" : problem.field;
      const message = where ? `${where(index)}: ${problem.message}` : problem.message;
      (fieldErrors[field] ??= []).push(message);
      messages.push(message);
    }
  });
  if (!messages.length) return;
  throw new AppError("VALIDATION", {
    message: messages.join(" "),
    userMessage: where ? "Nothing was imported." : messages[0],
    fieldErrors,
  });
}

/** How a run's check labels name routes and tools: by their label in the run's version, with the name beside it. */
export async function versionNameDisplay(
  tx: Pick<Tx, "flowVersion">,
  versionId: string,
): Promise<(kind: "route" | "tool", name: string) => string> {
  const version = await tx.flowVersion.findUnique({ where: { id: versionId }, select: { graph: true } });
  const names = graphNames(version?.graph);
  return (kind, name) => {
    const item = (kind === "route" ? names.routes : names.tools).find((n) => n.name === name);
    return item ? labelWithName(item) : name;
  };
}
