import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { toFlowFile } from "@/lib/model/flow/flow-file";
import { importFlow } from "@/lib/features/flows/import-flow";
import { designerWorkspace, makeFlow, replyGraph, tx } from "./helpers";

async function counts(workspaceId: string) {
  const [flows, versions, audit] = await Promise.all([
    db().flow.count({ where: { workspaceId } }),
    db().flowVersion.count({ where: { flow: { workspaceId } } }),
    db().auditLog.count({ where: { workspaceId } }),
  ]);
  return { flows, versions, audit };
}

describe("importing a flow file", () => {
  it("refuses a bad file with every problem and its path, and writes nothing", async () => {
    const { workspace, designer } = await designerWorkspace();
    const existing = await makeFlow(workspace.id, designer.id, replyGraph("Keep me."));
    const before = await counts(workspace.id);
    const draftBefore = (await db().flow.findUniqueOrThrow({ where: { id: existing.id } })).draft;

    await expect(
      tx((t) => importFlow(t, { workspaceId: workspace.id, text: "{ not json", mode: "new", userId: designer.id })),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      userMessage: expect.stringMatching(/^The file cannot be imported/),
    });

    const file = toFlowFile({ name: "Broken", slug: "broken", description: "", graph: replyGraph("x") });
    const bad = JSON.parse(JSON.stringify(file));
    bad.graph.nodes[1].kind = "teleporter";
    bad.graph.edges[0].target = "";
    const error = await tx((t) =>
      importFlow(t, {
        workspaceId: workspace.id,
        text: JSON.stringify(bad),
        mode: "replace_draft",
        flowId: existing.id,
        userId: designer.id,
      }),
    ).then(
      () => null,
      (e: unknown) => e as { code: string; fieldErrors: Record<string, string[]>; userMessage: string },
    );
    expect(error?.code).toBe("VALIDATION");
    const paths = Object.keys(error?.fieldErrors ?? {});
    expect(paths.some((p) => p.startsWith("graph.nodes[1]"))).toBe(true);
    expect(paths.some((p) => p.startsWith("graph.edges[0]"))).toBe(true);

    expect(await counts(workspace.id)).toEqual(before);
    expect((await db().flow.findUniqueOrThrow({ where: { id: existing.id } })).draft).toEqual(draftBefore);
  });

  it("imports an exported file as a new flow, refuses its slug twice, and can replace a draft", async () => {
    const { workspace, designer } = await designerWorkspace();
    const text = JSON.stringify(
      toFlowFile({
        name: "Returns desk",
        slug: "returns-desk",
        description: "Returns",
        graph: replyGraph("Imported."),
      }),
    );
    const created = await tx((t) =>
      importFlow(t, { workspaceId: workspace.id, text, mode: "new", userId: designer.id }),
    );
    expect(created).toMatchObject({ mode: "new", slug: "returns-desk", draftRevision: 1 });
    const flow = await db().flow.findUniqueOrThrow({ where: { id: created.flowId } });
    expect(flow).toMatchObject({ name: "Returns desk", description: "Returns", publishedVersionId: null });
    expect(flow.draft).toEqual(replyGraph("Imported."));

    await expect(
      tx((t) => importFlow(t, { workspaceId: workspace.id, text, mode: "new", userId: designer.id })),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { slug: expect.any(Array) },
    });

    const other = JSON.stringify(
      toFlowFile({ name: "Other", slug: "other", description: "", graph: replyGraph("Replaced.") }),
    );
    const replaced = await tx((t) =>
      importFlow(t, {
        workspaceId: workspace.id,
        text: other,
        mode: "replace_draft",
        flowId: created.flowId,
        userId: designer.id,
      }),
    );
    expect(replaced).toMatchObject({ mode: "replace_draft", draftRevision: 2, previousDraftRevision: 1 });
    const after = await db().flow.findUniqueOrThrow({ where: { id: created.flowId } });
    expect(after).toMatchObject({ name: "Returns desk", slug: "returns-desk", draftRevision: 2 });
    expect(after.draft).toEqual(replyGraph("Replaced."));
  });
});
