import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db/client";
import { sendTurn } from "@/tests/support/engine";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { publishDraft } from "@/lib/features/flows/publish-flow";
import { rollbackFlow } from "@/lib/features/flows/rollback-flow";
import { saveDraft } from "@/lib/features/flows/save-draft";
import { getFlowHistory } from "@/lib/features/flows/get-flow-history";
import { getFlowOverview } from "@/lib/features/flows/get-flow-overview";
import { draftGraphSchema } from "@/lib/model/flow/schema";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import { designerWorkspace, makeFlow, parseGraph, replyGraph, tx } from "./helpers";

describe("saving the draft", () => {
  it("bumps the revision, records who saved, and refuses a stale revision naming the author; nothing is written", async () => {
    const { workspace, designer, other } = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id);
    expect(flow.draftRevision).toBe(1);

    const saved = await tx((t) =>
      saveDraft(t, {
        workspaceId: workspace.id,
        flowId: flow.id,
        baseRevision: 1,
        graph: replyGraph("Edited by Dana."),
        userId: designer.id,
      }),
    );
    expect(saved).toMatchObject({ revision: 2, changed: true });
    const afterSave = await db().flow.findUniqueOrThrow({ where: { id: flow.id } });
    expect(afterSave).toMatchObject({ draftRevision: 2, draftUpdatedById: designer.id });

    // Someone else still holds revision 1.
    const stale = tx((t) =>
      saveDraft(t, {
        workspaceId: workspace.id,
        flowId: flow.id,
        baseRevision: 1,
        graph: replyGraph("Edited by someone else."),
        userId: other.id,
      }),
    );
    await expect(stale).rejects.toMatchObject({
      code: "CONFLICT",
      userMessage: expect.stringMatching(
        /^Dana Designer saved a newer draft at \d\d:\d\d UTC\. Load it, or download your version first\.$/,
      ),
    });
    const unchanged = await db().flow.findUniqueOrThrow({ where: { id: flow.id } });
    expect(unchanged.draftRevision).toBe(2);
    expect(unchanged.draft).toEqual(afterSave.draft);
    expect(unchanged.draftUpdatedAt).toEqual(afterSave.draftUpdatedAt);
  });

  it("saving an identical graph writes nothing; another workspace's flow is not found", async () => {
    const { workspace, designer } = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id, replyGraph("Same."));
    const same = await tx((t) =>
      saveDraft(t, {
        workspaceId: workspace.id,
        flowId: flow.id,
        baseRevision: 1,
        graph: replyGraph("Same."),
        userId: designer.id,
      }),
    );
    expect(same).toMatchObject({ revision: 1, changed: false });

    const stranger = await designerWorkspace();
    await expect(
      tx((t) =>
        saveDraft(t, {
          workspaceId: stranger.workspace.id,
          flowId: flow.id,
          baseRevision: 1,
          graph: replyGraph("Hijack."),
          userId: stranger.designer.id,
        }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db().flow.findUniqueOrThrow({ where: { id: flow.id } })).draftRevision).toBe(1);
  });
});

describe("unfinished drafts", () => {
  it("saves a node fresh from the palette with empty required settings, and refuses to publish it", async () => {
    const { workspace, designer } = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id);
    const base = replyGraph("Hello.");
    const withEmptyEscalation = draftGraphSchema.parse({
      ...base,
      nodes: [
        ...base.nodes,
        {
          id: "escalate_1",
          kind: "escalate",
          label: "Human escalation",
          position: { x: 600, y: 0 },
          config: NODE_KINDS.escalate.defaultConfig(),
        },
      ],
    });
    const saved = await tx((t) =>
      saveDraft(t, {
        workspaceId: workspace.id,
        flowId: flow.id,
        baseRevision: 1,
        graph: withEmptyEscalation,
        userId: designer.id,
      }),
    );
    expect(saved.revision).toBe(2);
    await expect(
      tx((t) =>
        publishDraft(t, {
          workspaceId: workspace.id,
          flowId: flow.id,
          baseRevision: 2,
          note: "Too early",
          userId: designer.id,
        }),
      ),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { "nodes.escalate_1": expect.any(Array) } });
  });
});

describe("publishing", () => {
  it("is refused while the draft has validation errors, and writes no version", async () => {
    const { workspace, designer } = await designerWorkspace();
    // An HTTP tool without a URL cannot run: validation reports it as an error, not a warning.
    const broken = parseGraph({
      schemaVersion: 1,
      nodes: [
        { id: "start", kind: "start", label: "Start", position: { x: 0, y: 0 }, config: { channels: ["web"] } },
        {
          id: "fetch",
          kind: "tool",
          label: "Fetch",
          position: { x: 300, y: 0 },
          config: { source: "http", http: { method: "GET", url: "", headers: [], timeoutMs: 1000, responseMap: "" } },
        },
      ],
      edges: [{ id: "e1", source: "start", target: "fetch" }],
    });
    const flow = await makeFlow(workspace.id, designer.id, broken);
    await expect(
      tx((t) =>
        publishDraft(t, {
          workspaceId: workspace.id,
          flowId: flow.id,
          baseRevision: 1,
          note: "First",
          userId: designer.id,
        }),
      ),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      userMessage: expect.stringMatching(/^Fix \d+ errors? before publishing: .+/),
    });
    expect(await db().flowVersion.count({ where: { flowId: flow.id } })).toBe(0);
    expect((await db().flow.findUniqueOrThrow({ where: { id: flow.id } })).publishedVersionId).toBeNull();
  });

  it("is refused when the draft moved on since the editor loaded it", async () => {
    const { workspace, designer, other } = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id);
    await tx((t) =>
      saveDraft(t, {
        workspaceId: workspace.id,
        flowId: flow.id,
        baseRevision: 1,
        graph: replyGraph("Newer."),
        userId: other.id,
      }),
    );
    await expect(
      tx((t) =>
        publishDraft(t, {
          workspaceId: workspace.id,
          flowId: flow.id,
          baseRevision: 1,
          note: "Ship it",
          userId: designer.id,
        }),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", userMessage: expect.stringContaining("saved a newer draft") });
    expect(await db().flowVersion.count({ where: { flowId: flow.id } })).toBe(0);
  });

  it("publishes v2 with its note and author while conversations pinned to v1 keep running v1; rollback makes v3 from v1", async () => {
    const { workspace, designer } = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id, replyGraph("Hello from v1."));
    const v1 = await tx((t) =>
      publishDraft(t, {
        workspaceId: workspace.id,
        flowId: flow.id,
        baseRevision: 1,
        note: "First cut",
        userId: designer.id,
      }),
    );
    expect(v1.number).toBe(1);

    const old = await startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "web" });
    expect((await sendTurn({ workspaceId: workspace.id, conversationId: old.id, text: "hi" })).replies[0].text).toBe(
      "Hello from v1.",
    );

    const saved = await tx((t) =>
      saveDraft(t, {
        workspaceId: workspace.id,
        flowId: flow.id,
        baseRevision: 1,
        graph: replyGraph("Hello from v2."),
        userId: designer.id,
      }),
    );
    await expect(
      tx((t) =>
        publishDraft(t, {
          workspaceId: workspace.id,
          flowId: flow.id,
          baseRevision: saved.revision,
          note: "Friendlier",
          userId: designer.id,
        }),
      ),
    ).resolves.toMatchObject({ number: 2, previousNumber: 1 });
    const v2 = await db().flowVersion.findFirstOrThrow({ where: { flowId: flow.id, number: 2 } });
    expect(v2).toMatchObject({ kind: "published", note: "Friendlier", createdById: designer.id });
    expect((await db().flow.findUniqueOrThrow({ where: { id: flow.id } })).publishedVersionId).toBe(v2.id);

    // The old conversation is pinned to v1; a new one gets v2.
    expect((await sendTurn({ workspaceId: workspace.id, conversationId: old.id, text: "again" })).replies[0].text).toBe(
      "Hello from v1.",
    );
    const fresh = await startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "web" });
    expect((await sendTurn({ workspaceId: workspace.id, conversationId: fresh.id, text: "hi" })).replies[0].text).toBe(
      "Hello from v2.",
    );

    // Publishing the same graph again is refused: nothing new.
    await expect(
      tx((t) =>
        publishDraft(t, {
          workspaceId: workspace.id,
          flowId: flow.id,
          baseRevision: saved.revision,
          note: "Again",
          userId: designer.id,
        }),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    // Rollback to v1: a new v3 with v1's graph, the draft becomes it, the revision bumps.
    const rolled = await tx((t) =>
      rollbackFlow(t, {
        workspaceId: workspace.id,
        flowId: flow.id,
        versionNumber: 1,
        note: "v2 confused people",
        userId: designer.id,
      }),
    );
    expect(rolled).toMatchObject({ number: 3, fromNumber: 1, draftRevision: saved.revision + 1 });
    const [first, third, after] = await Promise.all([
      db().flowVersion.findFirstOrThrow({ where: { flowId: flow.id, number: 1 } }),
      db().flowVersion.findFirstOrThrow({ where: { flowId: flow.id, number: 3 } }),
      db().flow.findUniqueOrThrow({ where: { id: flow.id } }),
    ]);
    expect(third.graph).toEqual(first.graph);
    expect(third).toMatchObject({
      note: "Rollback to v1: v2 confused people",
      createdById: designer.id,
      kind: "published",
    });
    expect(after).toMatchObject({
      publishedVersionId: third.id,
      draftRevision: saved.revision + 1,
      draftUpdatedById: designer.id,
    });
    expect(after.draft).toEqual(first.graph);
    const newest = await startConversation({ workspaceId: workspace.id, flowSlug: flow.slug, channel: "web" });
    expect((await sendTurn({ workspaceId: workspace.id, conversationId: newest.id, text: "hi" })).replies[0].text).toBe(
      "Hello from v1.",
    );

    // Rolling back to the live version, or to one that does not exist, is refused.
    await expect(
      tx((t) =>
        rollbackFlow(t, {
          workspaceId: workspace.id,
          flowId: flow.id,
          versionNumber: 3,
          note: "x",
          userId: designer.id,
        }),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      tx((t) =>
        rollbackFlow(t, {
          workspaceId: workspace.id,
          flowId: flow.id,
          versionNumber: 9,
          note: "x",
          userId: designer.id,
        }),
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    const overview = await getFlowOverview(workspace.id, flow.id);
    expect(overview?.versions.map((v) => v.number)).toEqual([3, 2, 1]);
    expect(overview?.versions.find((v) => v.number === 1)?.conversations).toBe(1);

    // History: newest first with authors; by default the latest is compared with the one before.
    const history = await getFlowHistory(workspace.id, flow.id);
    expect(history?.versions.map((v) => [v.number, v.author, v.current])).toEqual([
      [3, "Dana Designer", true],
      [2, "Dana Designer", false],
      [1, "Dana Designer", false],
    ]);
    expect(history?.compare).toMatchObject({ a: 2, b: 3 });
    expect(history?.compare?.diff?.changes.map((c) => [c.id, c.status])).toEqual([["agent", "changed"]]);
    const picked = await getFlowHistory(workspace.id, flow.id, { a: 1, b: 3 });
    expect(picked?.compare).toMatchObject({ a: 1, b: 3, diff: { isEmpty: true } });
  });
});
