// A new flow starts from a small graph that already runs: Start → a deterministic Agent with a reply, laid out
// left to right like the demo flows, so "Test" works at once and the designer grows it from there.
import "server-only";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { flowGraphSchema, type FlowGraph } from "@/lib/model/flow/schema";

export function starterGraph(): FlowGraph {
  return flowGraphSchema.parse({
    schemaVersion: 1,
    nodes: [
      {
        id: "start",
        kind: "start",
        label: "Start",
        position: { x: 0, y: 0 },
        config: { channels: ["web", "api"], greeting: "Hi! How can I help you today?" },
      },
      {
        id: "agent",
        kind: "agent",
        label: "Assistant",
        position: { x: 320, y: 0 },
        config: {
          mode: "deterministic",
          reply: "Thanks for your message. This flow is still being designed, so I can't do much yet.",
        },
      },
    ],
    edges: [
      {
        id: "e-start-agent",
        kind: "control",
        source: "start",
        sourceHandle: "out",
        target: "agent",
        targetHandle: "in",
      },
    ],
  });
}

export function slugTaken(slug: string): AppError {
  return new AppError("CONFLICT", {
    userMessage: `A flow with the slug "${slug}" already exists in this workspace. Choose another slug.`,
    fieldErrors: { slug: ["This slug is already used by another flow in this workspace."] },
  });
}

export async function createFlow(
  tx: Tx,
  options: {
    workspaceId: string;
    name: string;
    slug: string;
    description: string;
    graph?: FlowGraph;
    userId: string | null;
  },
): Promise<{ id: string; slug: string; name: string; draftRevision: number; nodeCount: number; edgeCount: number }> {
  const taken = await tx.flow.findUnique({
    where: { workspaceId_slug: { workspaceId: options.workspaceId, slug: options.slug } },
    select: { id: true },
  });
  if (taken) throw slugTaken(options.slug);
  const graph = options.graph ?? starterGraph();
  // A concurrent create of the same slug still hits the unique index: mapped to the same CONFLICT (the
  // transaction rolls back either way).
  try {
    const flow = await tx.flow.create({
      data: {
        workspaceId: options.workspaceId,
        name: options.name,
        slug: options.slug,
        description: options.description,
        draft: graph as unknown as Prisma.InputJsonValue,
        draftUpdatedById: options.userId,
      },
      select: { id: true, slug: true, name: true, draftRevision: true },
    });
    return { ...flow, nodeCount: graph.nodes.length, edgeCount: graph.edges.length };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw slugTaken(options.slug);
    throw error;
  }
}
