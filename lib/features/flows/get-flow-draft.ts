// What the canvas designer opens: the flow's editable draft (parsed with the draft schema), its revision for
// optimistic concurrency, and the published version number.
import "server-only";
import { db } from "@/lib/platform/db/client";
import { annotationFields } from "@/lib/model/flow/annotations";
import { draftGraphSchema, FLOW_SCHEMA_VERSION, startConfig, type FlowGraph } from "@/lib/model/flow/schema";

export type FlowDraft = {
  id: string;
  slug: string;
  name: string;
  description: string;
  graph: FlowGraph;
  /** Set when the stored draft did not match the schema: the editor opens what could be read and says so. */
  draftProblem: string | null;
  draftRevision: number;
  publishedNumber: number | null;
};

function lenientGraph(raw: unknown): FlowGraph | null {
  // A draft is work in progress: a node's config may be incomplete (validation reports it). Keep the nodes and
  // edges that have the basic shape so the author can finish them instead of losing them.
  if (!raw || typeof raw !== "object") return null;
  const { nodes, edges, notes, groups } = raw as {
    nodes?: unknown;
    edges?: unknown;
    notes?: unknown;
    groups?: unknown;
  };
  if (!Array.isArray(nodes)) return null;
  const okNodes = nodes.filter(
    (n): n is FlowGraph["nodes"][number] =>
      !!n &&
      typeof n === "object" &&
      typeof (n as { id?: unknown }).id === "string" &&
      typeof (n as { kind?: unknown }).kind === "string",
  );
  const okEdges = (Array.isArray(edges) ? edges : []).filter(
    (e): e is FlowGraph["edges"][number] =>
      !!e &&
      typeof e === "object" &&
      typeof (e as { source?: unknown }).source === "string" &&
      typeof (e as { target?: unknown }).target === "string",
  );
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: okNodes.map(
      (n) =>
        ({
          ...n,
          label: n.label ?? n.id,
          position: n.position ?? { x: 0, y: 0 },
          config: n.config ?? {},
        }) as FlowGraph["nodes"][number],
    ),
    edges: okEdges.map((e) => ({
      ...e,
      kind: e.kind ?? "control",
      sourceHandle: e.sourceHandle ?? "out",
      targetHandle: e.targetHandle ?? "in",
    })),
    // Sticky notes and groups that read are kept too: the next save would drop them otherwise.
    ...readableAnnotations({ notes, groups }),
  };
}

/** Each list that parses on its own; a broken one is left out rather than failing the rest. */
function readableAnnotations(lists: { notes: unknown; groups: unknown }): Pick<FlowGraph, "notes" | "groups"> {
  const notes = annotationFields.notes.safeParse(lists.notes);
  const groups = annotationFields.groups.safeParse(lists.groups);
  return {
    ...(notes.success && notes.data ? { notes: notes.data } : {}),
    ...(groups.success && groups.data ? { groups: groups.data } : {}),
  };
}

const EMPTY: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    {
      id: "start",
      kind: "start",
      label: "Start",
      position: { x: 0, y: 0 },
      config: startConfig.parse({}),
    },
  ],
  edges: [],
};

/** Null when the flow does not exist in this workspace (the page answers 404). */
export async function getFlowDraft(workspaceId: string, flowId: string): Promise<FlowDraft | null> {
  const flow = await db().flow.findFirst({
    where: { id: flowId, workspaceId },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      draft: true,
      draftRevision: true,
      publishedVersion: { select: { number: true } },
    },
  });
  if (!flow) return null;

  const parsed = draftGraphSchema.safeParse(flow.draft);
  let graph: FlowGraph;
  let draftProblem: string | null = null;
  if (parsed.success) {
    graph = parsed.data;
  } else {
    const lenient = lenientGraph(flow.draft);
    graph = lenient ?? EMPTY;
    draftProblem = lenient
      ? "Parts of the saved draft don't match the flow schema yet; the issues panel lists what to fix."
      : "The saved draft could not be read, so the editor starts from an empty flow. Saving will replace it.";
  }

  return {
    id: flow.id,
    slug: flow.slug,
    name: flow.name,
    description: flow.description,
    graph,
    draftProblem,
    draftRevision: flow.draftRevision,
    publishedNumber: flow.publishedVersion?.number ?? null,
  };
}
