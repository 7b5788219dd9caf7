// A transcript turn the conversation page does not draw up front loads through GET
// /api/console/conversations/{id}/turns/{turn}: the same steps the page would have drawn (reviews included), to the
// conversation's workspace only. Session mocked; the rest is real (the engine, Postgres, the route).
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/model/permissions";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { GET } = await import("@/app/api/console/conversations/[id]/turns/[turn]/route");
const { reviewRoutingAction } = await import("@/lib/features/conversations/actions");
const { getConversationTrace } = await import("@/lib/features/conversations/get-conversation-trace");
const { startConversation } = await import("@/lib/runtime/engine/commands/start-conversation");
const { sendTurn } = await import("@/tests/support/engine");
const { demoWorkspace, memberOf, seedUser, seedWorkspace } = await import("@/tests/support/factories");

let workspace: { id: string; slug: string; name: string };
let conversationId: string;

/** A new member of `ws` with `role`, signed in. */
async function signIn(role: Role, ws = workspace) {
  const user = await seedUser({ workspaceId: ws.id, role });
  signInAs(memberOf(user, ws, role));
  return user;
}

const get = (id: string, turn: string) => GET(new Request("http://test/"), { params: Promise.resolve({ id, turn }) });

beforeAll(async () => {
  workspace = await demoWorkspace();
  conversationId = (await startConversation({ workspaceId: workspace.id, flowSlug: "retail-support", channel: "web" }))
    .id;
  await sendTurn({ workspaceId: workspace.id, conversationId, text: "Where is my order A1001?" });
  await sendTurn({ workspaceId: workspace.id, conversationId, text: "And can I return it?" });
});

describe("a turn's steps, loaded when the reader opens it", () => {
  it("are the steps the page draws for that turn, with a routing review given since", async () => {
    await signIn("operator");
    const before = (await getConversationTrace(workspace.id, conversationId))!;
    const first = before.turns.find((t) => t.turn === 1)!;
    const router = first.steps.find((s) => s.decision)!;
    expect(await reviewRoutingAction({ stepId: router.id, verdict: "correct" })).toMatchObject({ ok: true });

    await signIn("auditor");
    const response = await get(conversationId, "1");
    expect(response.status).toBe(200);
    const { steps } = (await response.json()) as { steps: { id: string; review: { verdict: string } | null }[] };
    const trace = (await getConversationTrace(workspace.id, conversationId))!;
    // The JSON form of exactly what the page would have drawn (its one Date-free view model).
    expect(steps).toEqual(JSON.parse(JSON.stringify(trace.turns.find((t) => t.turn === 1)!.steps)));
    expect(steps.find((s) => s.id === router.id)!.review).toMatchObject({ verdict: "correct" });
    expect(steps.map((s) => s.id)).not.toContain(trace.turns.find((t) => t.turn === 2)!.steps[0].id);
  });

  it("is an empty list for a turn without steps, and refuses a turn that is not a whole number", async () => {
    await signIn("auditor");
    expect(await (await get(conversationId, "99")).json()).toEqual({ steps: [] });
    for (const turn of ["-1", "1.5", "abc", "1234567"]) {
      const response = await get(conversationId, turn);
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/whole number/);
    }
  });

  it("answers 404 for another workspace's conversation and 401 without a session", async () => {
    await signIn("admin", (await seedWorkspace()).workspace);
    expect((await get(conversationId, "1")).status).toBe(404);
    signInAs(null);
    expect((await get(conversationId, "1")).status).toBe(401);
  });
});
