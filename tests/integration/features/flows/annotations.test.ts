// Sticky notes and groups go where the flow goes: the saved draft, each published version, the History diff between
// versions, the exported file and a flow imported from it. A version that differs only in its notes is a new version.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { exportFlowFile } from "@/lib/features/flows/export-flow";
import { getFlowDraft } from "@/lib/features/flows/get-flow-draft";
import { getFlowHistory } from "@/lib/features/flows/get-flow-history";
import { importFlow } from "@/lib/features/flows/import-flow";
import { publishDraft } from "@/lib/features/flows/publish-flow";
import { saveDraft } from "@/lib/features/flows/save-draft";
import { flowGraphSchema, type FlowGraph } from "@/lib/model/flow/schema";
import { designerWorkspace, makeFlow, replyGraph, tx } from "./helpers";

const withNotes = (graph: FlowGraph, text: string): FlowGraph =>
  flowGraphSchema.parse({
    ...graph,
    notes: [{ id: "note_1", text, color: "green", position: { x: 0, y: 300 } }],
    groups: [
      {
        id: "group_1",
        title: "Greeting",
        position: { x: -24, y: -52 },
        size: { width: 620, height: 220 },
        nodeIds: graph.nodes.map((n) => n.id),
      },
    ],
  });

describe("notes and groups through the flow's life", () => {
  it("are saved, published as versions, diffed in History, exported and imported", async () => {
    const { workspace, designer } = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id, replyGraph("Hello."));
    const base = { workspaceId: workspace.id, flowId: flow.id, userId: designer.id };
    const publish = (baseRevision: number, note: string) => tx((t) => publishDraft(t, { ...base, baseRevision, note }));

    const v1 = await publish(1, "First");
    const annotated = withNotes(replyGraph("Hello."), "Ask for the order number first.");
    const saved = await tx((t) => saveDraft(t, { ...base, baseRevision: 1, graph: annotated }));
    expect(saved.diff?.summary).toBe("1 note added, 1 group added");
    const stored = await db().flow.findUniqueOrThrow({ where: { id: flow.id } });
    expect(flowGraphSchema.parse(stored.draft)).toEqual(annotated);

    // Only the notes changed, and that is still a new version.
    const v2 = await publish(saved.revision, "Notes for the team");
    expect(v2.number).toBe(v1.number + 1);
    const history = await getFlowHistory(workspace.id, flow.id, { a: v1.number, b: v2.number });
    expect(history?.compare?.diff?.changes.map((c) => [c.target, c.id, c.status])).toEqual([
      ["note", "note_1", "added"],
      ["group", "group_1", "added"],
    ]);
    expect(history?.compare?.diff?.annotations.map((a) => a.text)).toEqual([
      "Greeting",
      "Ask for the order number first.",
    ]);

    const { file } = await exportFlowFile({ workspaceId: workspace.id, flowId: flow.id, version: v2.number });
    expect(file.graph.notes).toEqual(annotated.notes);
    expect(file.graph.groups).toEqual(annotated.groups);
    const imported = await tx((t) =>
      importFlow(t, {
        workspaceId: workspace.id,
        text: JSON.stringify({ ...file, slug: `${file.slug}-copy` }),
        mode: "new",
        userId: designer.id,
      }),
    );
    const copy = await db().flow.findUniqueOrThrow({ where: { id: imported.flowId } });
    expect(flowGraphSchema.parse(copy.draft)).toMatchObject({ notes: annotated.notes, groups: annotated.groups });
  });

  it("survive a draft the editor can only read in part, so the next save keeps them", async () => {
    const { workspace, designer } = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id, replyGraph("Hello."));
    const annotated = withNotes(replyGraph("Hello."), "Keep me.");
    const broken = { ...annotated, nodes: [...annotated.nodes, { id: "x", kind: "agent", config: "not an object" }] };
    await db().flow.update({ where: { id: flow.id }, data: { draft: broken } });
    const draft = await getFlowDraft(workspace.id, flow.id);
    expect(draft?.draftProblem).toMatch(/don't match the flow schema/);
    expect(draft?.graph.notes).toEqual(annotated.notes);
    expect(draft?.graph.groups).toEqual(annotated.groups);
  });
});
