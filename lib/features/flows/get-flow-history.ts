// The flow history page: published versions newest first (never test versions), who published each, how many
// real conversations are pinned to it, and the two versions being compared.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { NOT_TEST_CONVERSATION } from "@/lib/model/flow/channels";
import { flowGraphSchema, type FlowGraph } from "@/lib/model/flow/schema";
import { prepareVersionDiff, type VersionDiffView } from "./prepare-version-diff";

export type HistoryVersion = {
  id: string;
  number: number;
  note: string;
  createdAt: Date;
  author: string | null;
  current: boolean;
  conversations: number;
};

export type FlowHistory = {
  flow: { id: string; slug: string; name: string; draftRevision: number };
  versions: HistoryVersion[];
  compare: { a: number; b: number; diff: VersionDiffView | null; unreadable: number[] } | null;
};

/** Null when the flow is not in this workspace. `a`/`b` default to the previous and the latest version. */
export async function getFlowHistory(
  workspaceId: string,
  flowId: string,
  pick: { a?: number; b?: number } = {},
): Promise<FlowHistory | null> {
  const flow = await db().flow.findFirst({
    where: { id: flowId, workspaceId },
    select: { id: true, slug: true, name: true, draftRevision: true, publishedVersionId: true },
  });
  if (!flow) return null;
  const rows = await db().flowVersion.findMany({
    where: { flowId, kind: "published" },
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      note: true,
      createdAt: true,
      createdById: true,
      _count: { select: { conversations: { where: NOT_TEST_CONVERSATION } } },
    },
  });
  const authorIds = [...new Set(rows.map((v) => v.createdById).filter((id): id is string => !!id))];
  const authors = authorIds.length
    ? await db().user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true, email: true } })
    : [];
  const authorById = new Map(authors.map((a) => [a.id, a.name || a.email]));
  const versions: HistoryVersion[] = rows.map((v) => ({
    id: v.id,
    number: v.number ?? 0,
    note: v.note,
    createdAt: v.createdAt,
    author: v.createdById ? (authorById.get(v.createdById) ?? "a removed user") : null,
    current: v.id === flow.publishedVersionId,
    conversations: v._count.conversations,
  }));

  let compare: FlowHistory["compare"] = null;
  const numbers = new Set(versions.map((v) => v.number));
  if (versions.length > 0) {
    const b = pick.b !== undefined && numbers.has(pick.b) ? pick.b : versions[0].number;
    const fallbackA = versions.find((v) => v.number < b)?.number ?? versions.find((v) => v.number !== b)?.number ?? b;
    const a = pick.a !== undefined && numbers.has(pick.a) && pick.a !== b ? pick.a : fallbackA;
    const graphs = await db().flowVersion.findMany({
      where: { flowId, kind: "published", number: { in: [a, b] } },
      select: { number: true, graph: true },
    });
    const parsed = new Map<number, FlowGraph | null>(
      graphs.map((g) => {
        const result = flowGraphSchema.safeParse(g.graph);
        return [g.number ?? 0, result.success ? result.data : null];
      }),
    );
    const before = parsed.get(a) ?? null;
    const after = parsed.get(b) ?? null;
    const unreadable = [a, b].filter((n) => !parsed.get(n));
    // A single version is compared with nothing: everything in it is "added".
    const empty: FlowGraph = { schemaVersion: 1, nodes: [], edges: [] } as unknown as FlowGraph;
    compare = {
      a,
      b,
      unreadable,
      diff: after && (before || a === b) ? prepareVersionDiff(a === b ? empty : before!, after) : null,
    };
  }
  return {
    flow: { id: flow.id, slug: flow.slug, name: flow.name, draftRevision: flow.draftRevision },
    versions,
    compare,
  };
}
