// Publishing, rollback and test runs train a flow's classifiers before their transaction opens (defineAction's
// `prepare` → pretrainFlow), so that the transaction that freezes the version, with the flow's lock, finds every model
// trained already. Counted through the one training function publishing calls.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import { designerWorkspace, makeFlow, parseGraph, tx } from "./helpers";

// The test set-up has loaded publishing already (the demo seed), so the counting mock needs fresh module instances.
const training = { calls: 0 };
vi.resetModules();
vi.doMock("@/lib/runtime/routing/train-node-classifier", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/runtime/routing/train-node-classifier")>();
  return {
    ...original,
    trainNodeClassifier: (...args: Parameters<typeof original.trainNodeClassifier>) => {
      training.calls++;
      return original.trainNodeClassifier(...args);
    },
  };
});
const { pretrainFlow } = await import("@/lib/features/flows/pretrain-flow");
const { publishDraft } = await import("@/lib/features/flows/publish-flow");
const { saveDraft } = await import("@/lib/features/flows/save-draft");

const at = (x: number) => ({ x, y: 0 });
// A unique example per call, so that no earlier test's cached model answers for this one.
function routerGraph(tag: string): FlowGraphInput {
  return {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", label: "Start", position: at(0), config: {} },
      {
        id: "router",
        kind: "router",
        label: "Router",
        position: at(200),
        config: {
          routes: [
            { id: "refund", label: "Refund", examples: ["i want my money back", "refund my order", `refund ${tag}`] },
            { id: "track", label: "Track", examples: ["where is my parcel", "track my order", "when will it come"] },
          ],
        },
      },
      { id: "say_refund", kind: "response", label: "Refund", position: at(400), config: { template: "refund" } },
      { id: "say_track", kind: "response", label: "Track", position: at(400), config: { template: "track" } },
      { id: "say_unsure", kind: "response", label: "Unsure", position: at(400), config: { template: "unsure" } },
    ],
    edges: [
      { id: "e0", source: "start", target: "router" },
      { id: "e1", source: "router", sourceHandle: "refund", target: "say_refund" },
      { id: "e2", source: "router", sourceHandle: "track", target: "say_track" },
      { id: "e3", source: "router", sourceHandle: "low_confidence", target: "say_unsure" },
    ],
  };
}

const tag = () => Math.random().toString(36).slice(2, 10);

beforeEach(() => {
  training.calls = 0;
});

describe("pretraining a flow before its transaction", () => {
  it("trains the draft's router once, and publishing the same draft then trains nothing", async () => {
    const { workspace, designer } = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id, parseGraph(routerGraph(tag())));
    await pretrainFlow({ workspaceId: workspace.id, flowId: flow.id });
    expect(training.calls).toBe(1);

    const published = await tx((t) =>
      publishDraft(t, { workspaceId: workspace.id, flowId: flow.id, baseRevision: 1, note: "v1", userId: designer.id }),
    );
    expect(published.number).toBe(1);
    expect(training.calls).toBe(1);
  });

  it("a draft changed after pretraining is trained inside, as before", async () => {
    const { workspace, designer } = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id, parseGraph(routerGraph(tag())));
    await pretrainFlow({ workspaceId: workspace.id, flowId: flow.id });
    await tx((t) =>
      saveDraft(t, {
        workspaceId: workspace.id,
        flowId: flow.id,
        baseRevision: 1,
        graph: parseGraph(routerGraph(tag())),
        userId: designer.id,
      }),
    );
    await tx((t) =>
      publishDraft(t, { workspaceId: workspace.id, flowId: flow.id, baseRevision: 2, note: "v1", userId: designer.id }),
    );
    expect(training.calls).toBe(2);
  });

  it("reads only the caller's workspace, and a published version by its number", async () => {
    const { workspace, designer } = await designerWorkspace();
    const other = await designerWorkspace();
    const flow = await makeFlow(workspace.id, designer.id, parseGraph(routerGraph(tag())));
    await pretrainFlow({ workspaceId: other.workspace.id, flowId: flow.id });
    await pretrainFlow({ workspaceId: workspace.id, flowId: flow.id, versionNumber: 1 });
    expect(training.calls).toBe(0);

    await tx((t) =>
      publishDraft(t, { workspaceId: workspace.id, flowId: flow.id, baseRevision: 1, note: "v1", userId: designer.id }),
    );
    training.calls = 0;
    await pretrainFlow({ workspaceId: workspace.id, flowId: flow.id, versionNumber: 1 });
    expect(training.calls).toBe(0); // v1's models are the draft's, cached when it was published
  });
});
