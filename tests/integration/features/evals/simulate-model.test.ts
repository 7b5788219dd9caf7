// Simulated customers against a real Postgres: offline from the flow's route examples (with demo order numbers), through
// a configured model (the real `openai` client talking to the local OpenAI-compatible test server) with a fallback to
// the generator when the model fails, and the server action that adds them to a suite as cases.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { clearProviderCache } from "@/lib/runtime/agents/resolve-provider";
import { db } from "@/lib/platform/db/client";
import { simulatePhrasings } from "@/lib/features/evals/simulate";
import { normalizePhrasing } from "@/lib/features/evals/offline-phrasings";
import { routesOfGraph, splitExamples } from "@/lib/features/evals/held-out";
import { generateSimulatedCases } from "@/lib/features/evals/simulated-cases";
import { signInAs } from "@/tests/support/session-mock";
import { seedUser, seedWorkspace } from "@/tests/support/factories";
import { startOpenAITestServer, type OpenAITestServer } from "@/tests/support/openai-test-server";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { addSimulatedCasesAction } = await import("@/lib/features/evals/simulate-actions");

const ROUTES = [
  {
    id: "order_status",
    label: "Order status",
    examples: ["Where is my order?", "track order A1001", "has my parcel shipped"],
  },
  {
    id: "refund",
    label: "Refund",
    examples: ["I want a refund", "refund order A1002 please", "give me my money back"],
  },
];
const graph = {
  schemaVersion: 1,
  nodes: [
    { id: "start", kind: "start", label: "Start", position: { x: 0, y: 0 }, config: {} },
    {
      id: "router",
      kind: "router",
      label: "Router",
      position: { x: 200, y: 0 },
      config: { strategy: "classifier", threshold: 0.5, model: "", routes: ROUTES },
    },
  ],
  edges: [],
};
const EXAMPLES = new Set(ROUTES.flatMap((r) => r.examples.map(normalizePhrasing)));
// Three examples per route: one of each is held out, and simulated customers are made from it alone.
const HELD_OUT = Object.fromEntries(splitExamples(routesOfGraph(graph).routes).map((s) => [s.route, s.heldOut]));

let server: OpenAITestServer;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;
let modelWs: Awaited<ReturnType<typeof seedWorkspace>>;
let flowId: string;
let modelFlowId: string;

async function flowIn(workspaceId: string) {
  const flow = await db().flow.create({ data: { workspaceId, slug: "sim", name: "Simulated", draft: graph } });
  return flow.id;
}

beforeAll(async () => {
  server = await startOpenAITestServer();
  ws = await seedWorkspace();
  modelWs = await seedWorkspace();
  flowId = await flowIn(ws.workspace.id);
  modelFlowId = await flowIn(modelWs.workspace.id);
  const customer = await db().customer.create({
    data: { workspaceId: ws.workspace.id, ref: "S-1", name: "Sam", email: "sam@example.test" },
  });
  for (const number of ["A2001", "A2002", "A2003"]) {
    await db().order.create({
      data: {
        workspaceId: ws.workspace.id,
        number,
        customerId: customer.id,
        status: "shipped",
        totalCents: 4200,
        shippingAddress: {},
        placedAt: new Date(),
      },
    });
  }
  await db().modelProvider.create({
    data: {
      workspaceId: modelWs.workspace.id,
      name: "default",
      baseUrl: server.baseUrl,
      defaultModel: "test-model",
      timeoutMs: 5000,
      maxRetries: 0,
    },
  });
});

afterAll(async () => {
  clearProviderCache();
  await server?.close();
});

describe("offline (no model provider)", () => {
  it("is deterministic, labelled, never an example, and names the workspace's orders", async () => {
    const a = await simulatePhrasings({ workspaceId: ws.workspace.id, flowId, perRoute: 6, seed: 11 });
    const b = await simulatePhrasings({ workspaceId: ws.workspace.id, flowId, perRoute: 6, seed: 11 });
    expect(a).toEqual(b);
    expect(a.filter((p) => p.route === "order_status")).toHaveLength(6);
    expect(a.filter((p) => p.route === "refund")).toHaveLength(6);
    expect(a.some((p) => EXAMPLES.has(normalizePhrasing(p.text)))).toBe(false);
    for (const p of a) expect(p).toMatchObject({ basis: "held_out", from: HELD_OUT[p.route] });
    const optimistic = await simulatePhrasings({
      workspaceId: ws.workspace.id,
      flowId,
      perRoute: 6,
      seed: 11,
      holdOut: null,
    });
    expect(optimistic.every((p) => p.basis === "training")).toBe(true);
    expect(new Set(optimistic.map((p) => p.from[0])).size).toBeGreaterThan(2);
    for (const p of a)
      for (const n of p.text.match(/\bA\d{4}\b/g) ?? [])
        expect(["A1001", "A1002", "A2001", "A2002", "A2003"]).toContain(n);
    expect(server.chatRequests()).toHaveLength(0);
  });

  it("another workspace's flow is not found", async () => {
    await expect(simulatePhrasings({ workspaceId: modelWs.workspace.id, flowId, perRoute: 2 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("through the workspace's model provider", () => {
  it("asks once per route for JSON and keeps the model's phrasings, dropping copies of examples", async () => {
    server.reset();
    server.enqueue(
      {
        type: "text",
        text: JSON.stringify({ phrasings: ["yo where's my stuff", "Where is my order?", "any news on my delivery"] }),
      },
      { type: "text", text: '```json\n["need my cash back", "refund pls, the zip broke"]\n```' },
    );
    const out = await simulatePhrasings({ workspaceId: modelWs.workspace.id, flowId: modelFlowId, perRoute: 2 });
    expect(server.chatRequests()).toHaveLength(2);
    const request = server.chatRequests()[0].body;
    expect(request.model).toBe("test-model");
    const prompt = JSON.stringify(server.chatRequests()[0].body.messages);
    expect(prompt).toContain("Order status");
    // The model is shown the held-out examples only: the router is trained on the others.
    for (const example of ROUTES[0].examples)
      expect(prompt.includes(example), example).toBe(HELD_OUT.order_status.includes(example));
    const heldOut = (route: string, text: string) => ({ route, text, from: HELD_OUT[route], basis: "held_out" });
    expect(out).toEqual([
      heldOut("order_status", "yo where's my stuff"),
      heldOut("order_status", "any news on my delivery"),
      heldOut("refund", "need my cash back"),
      heldOut("refund", "refund pls, the zip broke"),
    ]);
  });

  it("falls back to the offline generator for a route when the model fails or answers nonsense", async () => {
    server.reset();
    server.enqueue({ type: "error", status: 400, message: "bad model" }, { type: "text", text: "I cannot do that." });
    const out = await simulatePhrasings({
      workspaceId: modelWs.workspace.id,
      flowId: modelFlowId,
      perRoute: 3,
      seed: 5,
    });
    expect(server.chatRequests()).toHaveLength(2);
    expect(out.filter((p) => p.route === "order_status")).toHaveLength(3);
    expect(out.filter((p) => p.route === "refund")).toHaveLength(3);
    expect(out.some((p) => EXAMPLES.has(normalizePhrasing(p.text)))).toBe(false);
  });
});

describe("as test cases", () => {
  it("makes one-turn cases expecting the route", async () => {
    const cases = await generateSimulatedCases({ workspaceId: ws.workspace.id, flowId, perRoute: 2, seed: 3 });
    expect(cases).toHaveLength(4);
    expect(cases[0]).toMatchObject({
      name: "Simulated · order_status · 1",
      source: "simulated",
      expectations: { routes: ["order_status"] },
      simulatedFrom: HELD_OUT.order_status,
      basis: "held_out",
    });
    expect(cases[0].turns).toHaveLength(1);
  });

  it("the action adds them to a suite with unique names, audited; operators and other workspaces are refused", async () => {
    const suite = await db().evalSuite.create({ data: { workspaceId: ws.workspace.id, flowId, name: "Routing" } });
    signInAs({
      userId: ws.user.id,
      email: ws.user.email,
      name: ws.user.name ?? "",
      workspaceId: ws.workspace.id,
      workspaceSlug: ws.workspace.slug,
      workspaceName: ws.workspace.name,
      role: "admin",
    });
    expect(await addSimulatedCasesAction({ suiteId: suite.id, perRoute: 3 })).toEqual({
      ok: true,
      data: {
        count: 6,
        routes: ["order_status", "refund"],
        heldOutRoutes: ["order_status", "refund"],
        trainingRoutes: [],
        heldOutShare: 0.2,
      },
    });
    // Made from one held-out example per route, the second click repeats a phrasing the suite has: it is left out.
    expect(await addSimulatedCasesAction({ suiteId: suite.id, perRoute: 2 })).toMatchObject({
      ok: true,
      data: { count: 3 },
    });
    const cases = await db().evalCase.findMany({ where: { suiteId: suite.id } });
    expect(cases).toHaveLength(9);
    expect(new Set(cases.map((c) => c.name)).size).toBe(9);
    expect(new Set(cases.map((c) => normalizePhrasing((c.turns as string[])[0]))).size).toBe(9);
    expect(cases.every((c) => c.source === "simulated")).toBe(true);
    // Every click holds out the same examples, and each case keeps the one it was made from.
    for (const c of cases)
      expect(HELD_OUT[(c.expectations as { routes: string[] }).routes[0]]).toEqual(c.simulatedFrom);
    const audit = await db().auditLog.findMany({
      where: { workspaceId: ws.workspace.id, action: "eval_case.simulated" },
    });
    expect(audit.map((e) => (e.metadata as { count: number }).count)).toEqual([6, 3]);

    expect(await addSimulatedCasesAction({ suiteId: suite.id, perRoute: 21 })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    const operator = await seedUser({ workspaceId: ws.workspace.id, role: "operator" });
    signInAs({
      userId: operator.id,
      email: operator.email,
      name: "",
      workspaceId: ws.workspace.id,
      workspaceSlug: ws.workspace.slug,
      workspaceName: ws.workspace.name,
      role: "operator",
    });
    expect(await addSimulatedCasesAction({ suiteId: suite.id, perRoute: 1 })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    signInAs({
      userId: modelWs.user.id,
      email: modelWs.user.email,
      name: "",
      workspaceId: modelWs.workspace.id,
      workspaceSlug: modelWs.workspace.slug,
      workspaceName: modelWs.workspace.name,
      role: "admin",
    });
    expect(await addSimulatedCasesAction({ suiteId: suite.id, perRoute: 1 })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });
});
