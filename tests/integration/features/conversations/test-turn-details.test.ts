// The designer's Test panel shows, per node of a test turn, what the conversation trace records: a test message through
// the Retail demo's order-status path, loaded through GET /api/console/flows/{flowId}/tests/{id}/turns/{turn}. Session
// mocked; the rest is real (the draft's test version, the engine, Postgres, the route).
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/model/permissions";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { GET } = await import("@/app/api/console/flows/[flowId]/tests/[conversationId]/turns/[turn]/route");
const { db } = await import("@/lib/platform/db/client");
const { getTurnDetails } = await import("@/lib/features/conversations/get-turn-details");
const { sendDraftTestMessage, startDraftTest } = await import("@/lib/features/flows/test-version");
const { startConversation } = await import("@/lib/runtime/engine/commands/start-conversation");
const { retailDemoData } = await import("@/prisma/demo/retail-data");
const { demoWorkspace, memberOf, seedUser, seedWorkspace } = await import("@/tests/support/factories");
type NodeDetailView = import("@/lib/features/conversations/prepare-node-detail").NodeDetailView;

let workspace: { id: string; slug: string; name: string };
let flowId: string;
let conversationId: string;
let turn: number;

const tx = <T>(fn: (t: import("@/lib/platform/db/client").Tx) => Promise<T>) =>
  db().$transaction(fn, { timeout: 60_000 });

async function signIn(role: Role, ws = workspace) {
  const user = await seedUser({ workspaceId: ws.id, role });
  signInAs(memberOf(user, ws, role));
  return user;
}

const get = (flow: string, id: string, t: string) =>
  GET(new Request("http://test/"), { params: Promise.resolve({ flowId: flow, conversationId: id, turn: t }) });

/** The e-mail on a demo order: what proves the order is the tester's (the Retail flow verifies before a lookup). */
function orderEmail(orderNumber: string): string {
  const data = retailDemoData();
  const order = data.orders.find((o) => o.number === orderNumber)!;
  return data.customers.find((c) => c.ref === order.customerRef)!.email;
}

beforeAll(async () => {
  workspace = await demoWorkspace();
  const flow = await db().flow.findFirstOrThrow({
    where: { workspaceId: workspace.id, slug: "retail-support" },
    select: { id: true, draftRevision: true },
  });
  flowId = flow.id;
  const started = await tx((t) =>
    startDraftTest(t, { workspaceId: workspace.id, flowId, baseRevision: flow.draftRevision, userId: null }),
  );
  conversationId = started.id;
  const result = await tx((t) =>
    sendDraftTestMessage(t, {
      workspaceId: workspace.id,
      flowId,
      conversationId,
      text: `Where is my order A1001? My e-mail is ${orderEmail("A1001")}`,
    }),
  );
  turn = result.turn;
}, 180_000);

describe("a test turn's nodes, for the designer's Test panel", () => {
  it("carry the router's scored candidates, the agent's tool call and the state changes, in path order", async () => {
    const nodes = (await getTurnDetails(workspace.id, conversationId, turn))!;
    const ids = nodes.map((n) => n.nodeId);
    expect(ids.indexOf("router")).toBeGreaterThan(-1);
    expect(ids.indexOf("verify_order_status")).toBeGreaterThan(ids.indexOf("router"));
    expect(ids.indexOf("order_status_agent")).toBeGreaterThan(ids.indexOf("verify_order_status"));
    expect(nodes.map((n) => n.seq)).toEqual([...nodes.map((n) => n.seq)].sort((a, b) => a - b));

    // Every input is the message the node received.
    expect(nodes.every((n) => (n.input as { text?: string }).text?.startsWith("Where is my order A1001?"))).toBe(true);

    const router = nodes.find((n) => n.nodeId === "router")!;
    expect(router.nodeLabel).toBe("Intent router");
    expect(router.decision).toMatchObject({ chosen: "order_status", chosenLabel: "Order status", threshold: 0.45 });
    // Every candidate the engine recorded (the classifier keeps its five best), scored, best first: not the
    // transcript's top three; and the router's routes, so the panel can say how many there are.
    const version = await db().flowVersion.findFirstOrThrow({
      where: { conversations: { some: { id: conversationId } } },
      select: { graph: true },
    });
    const routerNode = (version.graph as { nodes: { id: string; config: { routes?: { id: string }[] } }[] }).nodes.find(
      (n) => n.id === "router",
    )!;
    const routeIds = routerNode.config.routes!.map((r) => r.id);
    expect(router.decision!.candidates).toHaveLength(Math.min(5, routeIds.length));
    expect(routeIds).toEqual(expect.arrayContaining(router.decision!.candidates.map((c) => c.intent)));
    expect(router.decision!.routes.map((r) => r.id)).toEqual(routeIds);
    expect(router.decision!.candidates[0]).toMatchObject({ intent: "order_status", label: "Order status" });
    expect(router.decision!.candidates[0].score).toBeGreaterThan(router.decision!.threshold);
    const scores = router.decision!.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(router.toolCalls).toEqual([]);
    expect(router.callsTools).toBe(false);

    const agent = nodes.find((n) => n.nodeId === "order_status_agent")!;
    expect(agent.toolCalls).toHaveLength(1);
    const [call] = agent.toolCalls;
    expect(call).toMatchObject({ name: "lookup_order", label: "Order lookup", status: "ok", stoppedBy: null });
    // A deterministic agent's call names no arguments: the tool reads the order the verify node put in the state.
    expect(call.input).toEqual({});
    expect(call.output).toMatchObject({ number: "A1001", status: "shipped", carrier: "UPS" });
    expect(agent.reply).toMatch(/^Order A1001, placed on/);
    expect(agent.callsTools).toBe(true);
    expect(agent.stateChanges.lines).toContainEqual(
      expect.objectContaining({ path: "order", change: "added", before: null }),
    );

    // The verify node's state changes (before → after): the order number it heard.
    const verify = nodes.find((n) => n.nodeId === "verify_order_status")!;
    expect(verify.stateChanges.lines).toContainEqual({
      path: "orderNumber",
      change: "added",
      before: null,
      after: "“A1001”",
    });
    expect(verify.toolCalls).toEqual([]);
    expect(router.stateChanges.lines.map((l) => l.path)).toEqual(["intent"]);
  });

  it("loads through the Test panel's route, authorized like the trace and only for this flow's test conversations", async () => {
    await signIn("designer");
    const response = await get(flowId, conversationId, String(turn));
    expect(response.status).toBe(200);
    const { nodes } = (await response.json()) as { nodes: NodeDetailView[] };
    expect(nodes).toEqual(JSON.parse(JSON.stringify(await getTurnDetails(workspace.id, conversationId, turn))));
    expect(await (await get(flowId, conversationId, "99")).json()).toEqual({ nodes: [] });
    expect((await get(flowId, conversationId, "1.5")).status).toBe(422);

    // A customer's conversation on the same flow is not a test conversation: 404, as is another flow's id.
    const live = await startConversation({ workspaceId: workspace.id, flowSlug: "retail-support", channel: "web" });
    expect((await get(flowId, live.id, "1")).status).toBe(404);
    const other = await db().flow.findFirstOrThrow({
      where: { workspaceId: workspace.id, NOT: { id: flowId } },
      select: { id: true },
    });
    expect((await get(other.id, conversationId, String(turn))).status).toBe(404);

    // Another workspace's member gets a 404; no session, a 401.
    await signIn("admin", (await seedWorkspace()).workspace);
    expect((await get(flowId, conversationId, String(turn))).status).toBe(404);
    signInAs(null);
    expect((await get(flowId, conversationId, String(turn))).status).toBe(401);
  });
});
