// A new flow from a template: its graph, the evaluation suite that comes with it (so "Run" works at once), and any
// sub-flows it calls, published so the new flow runs as soon as it is published itself. Everything in the caller's
// transaction; the caller audits what this returns.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import type { AuditRecord } from "@/lib/features/define-action";
import type { Member } from "@/lib/platform/auth/current-member";
import { AppError } from "@/lib/model/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { caseExpectationsSchema, caseTurnsSchema } from "@/lib/features/evals/expectations";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import { flowSlugSchema } from "@/lib/model/flow/flow-meta";
import { flowTemplate } from "@/lib/model/flow/templates";
import type { FlowTemplate } from "@/lib/model/flow/templates/types";
import { createFlow } from "@/lib/features/flows/create-flow";
import { publishFlow } from "@/lib/features/flows/publish-flow";

type Meta = { name: string; slug: string; description: string };

function subflowMeta(template: FlowTemplate, meta: Meta) {
  return (template.subflows ?? []).map((sub) => {
    const slug = `${meta.slug}${sub.slugSuffix}`;
    if (!flowSlugSchema.safeParse(slug).success) {
      const message = `Use a slug of at most ${64 - sub.slugSuffix.length} characters: this template also creates "${slug}".`;
      throw new AppError("VALIDATION", { message, fieldErrors: { slug: [message] } });
    }
    const name = `${meta.name.slice(0, 80 - sub.nameSuffix.length)}${sub.nameSuffix}`;
    return { sub, slug, name };
  });
}

async function createSuite(tx: Tx, workspaceId: string, flowId: string, template: FlowTemplate) {
  // Not gating: the suite describes the template as created, and the flow is yours to change from here.
  const suite = await tx.evalSuite.create({
    data: {
      workspaceId,
      flowId,
      name: template.suite.name,
      description: template.suite.description,
      passThreshold: 1,
      gatesPublish: false,
    },
    select: { id: true },
  });
  await tx.evalCase.createMany({
    data: template.suite.cases.map((c) => ({
      suiteId: suite.id,
      name: c.name,
      turns: caseTurnsSchema.parse(c.turns),
      expectations: caseExpectationsSchema.parse(c.expectations) as Prisma.InputJsonValue,
      customerRef: c.customer ?? null,
    })),
  });
  return suite.id;
}

export async function createFlowFromTemplate(
  tx: Tx,
  member: Member,
  input: Meta & { template: string },
): Promise<{ flowId: string; slug: string; draftRevision: number; audit: AuditRecord[] }> {
  const template = flowTemplate(input.template);
  if (!template) throw new AppError("VALIDATION", { userMessage: `There is no template "${input.template}".` });
  const audit: AuditRecord[] = [];
  const created = (flow: { id: string; slug: string; name: string; nodeCount: number; edgeCount: number }) =>
    audit.push({
      action: "flow.created",
      resourceType: "flow",
      resourceId: flow.id,
      after: { slug: flow.slug, name: flow.name, template: template.id, nodes: flow.nodeCount, edges: flow.edgeCount },
    });

  // Sub-flows first: a name clash refuses the whole template before anything is written.
  for (const { sub, slug, name } of subflowMeta(template, input)) {
    const flow = await createFlow(tx, {
      workspaceId: member.workspaceId,
      name,
      slug,
      description: sub.description,
      graph: flowGraphSchema.parse(sub.graph({ slug: input.slug })),
      userId: member.userId,
    });
    created(flow);
    await publishFlow(tx, {
      flowId: flow.id,
      note: `Created from the "${template.name}" template`,
      actor: { type: "user", id: member.userId, label: member.email },
      userId: member.userId,
    });
  }
  const flow = await createFlow(tx, {
    workspaceId: member.workspaceId,
    name: input.name,
    slug: input.slug,
    description: input.description || template.summary.slice(0, 500),
    graph: flowGraphSchema.parse(template.graph({ slug: input.slug })),
    userId: member.userId,
  });
  created(flow);
  const suiteId = await createSuite(tx, member.workspaceId, flow.id, template);
  audit.push({
    action: "eval_suite.created",
    resourceType: "eval_suite",
    resourceId: suiteId,
    after: { flowId: flow.id, name: template.suite.name, cases: template.suite.cases.length, template: template.id },
  });
  return { flowId: flow.id, slug: flow.slug, draftRevision: flow.draftRevision, audit };
}
