import "server-only";
import { db } from "@/lib/platform/db/client";
import { NOT_TEST_CONVERSATION } from "@/lib/model/flow/channels";
import { loadGraphView, type GraphView } from "./version-graph";

export type FlowOverview = {
  id: string;
  slug: string;
  name: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  published: {
    id: string;
    number: number;
    note: string;
    createdAt: Date;
    graph: GraphView | null;
    /** Router node id → its trained classifier. */
    models: Record<string, { exampleCount: number; intentCount: number; trainedAt: Date }>;
  } | null;
  versions: {
    id: string;
    number: number;
    note: string;
    createdAt: Date;
    createdBy: string | null;
    conversations: number;
  }[];
};

/** Null when the flow does not exist in this workspace (the page answers 404). */
export async function getFlowOverview(workspaceId: string, flowId: string): Promise<FlowOverview | null> {
  const flow = await db().flow.findFirst({
    where: { id: flowId, workspaceId },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      createdAt: true,
      updatedAt: true,
      publishedVersionId: true,
      // Test versions (the designer's test chat) are hidden snapshots, never history.
      versions: {
        where: { kind: "published" },
        orderBy: { number: "desc" },
        select: {
          id: true,
          number: true,
          note: true,
          createdAt: true,
          createdById: true,
          _count: { select: { conversations: { where: NOT_TEST_CONVERSATION } } },
        },
      },
    },
  });
  if (!flow) return null;

  const authorIds = [...new Set(flow.versions.map((v) => v.createdById).filter((id): id is string => !!id))];
  const authors = authorIds.length
    ? await db().user.findMany({ where: { id: { in: authorIds } }, select: { id: true, email: true } })
    : [];
  const authorById = new Map(authors.map((a) => [a.id, a.email]));

  let published: FlowOverview["published"] = null;
  const publishedVersion = flow.versions.find((v) => v.id === flow.publishedVersionId);
  if (publishedVersion) {
    const [graph, models] = await Promise.all([
      loadGraphView(publishedVersion.id),
      db().intentModel.findMany({
        where: { flowVersionId: publishedVersion.id },
        select: { nodeId: true, exampleCount: true, intents: true, trainedAt: true },
      }),
    ]);
    published = {
      id: publishedVersion.id,
      number: publishedVersion.number ?? 0,
      note: publishedVersion.note,
      createdAt: publishedVersion.createdAt,
      graph,
      models: Object.fromEntries(
        models.map((m) => [
          m.nodeId,
          { exampleCount: m.exampleCount, intentCount: m.intents.length, trainedAt: m.trainedAt },
        ]),
      ),
    };
  }

  return {
    id: flow.id,
    slug: flow.slug,
    name: flow.name,
    description: flow.description,
    createdAt: flow.createdAt,
    updatedAt: flow.updatedAt,
    published,
    versions: flow.versions.map((v) => ({
      id: v.id,
      number: v.number ?? 0,
      note: v.note,
      createdAt: v.createdAt,
      createdBy: v.createdById ? (authorById.get(v.createdById) ?? "a removed user") : null,
      conversations: v._count.conversations,
    })),
  };
}
