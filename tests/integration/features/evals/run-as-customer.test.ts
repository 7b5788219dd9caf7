// A case that names a customer runs as them, verified as the API naming them would; without one it is an anonymous
// visitor's, and a customer the workspace does not have makes that case an error rather than the run a failure.
import { beforeAll, describe, expect, it } from "vitest";
import type { Member } from "@/lib/platform/auth/current-member";
import { db } from "@/lib/platform/db/client";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { caseFromConversation } from "@/lib/features/evals/case-from-conversation";
import type { CaseExpectations, CheckResult } from "@/lib/features/evals/expectations";
import { createEvalRun } from "@/lib/features/evals/run-suite";
import { sendTurn, waitFor } from "@/tests/support/engine";
import { demoWorkspace, memberOf, seedUser } from "@/tests/support/factories";

let member: Member;
let flowId: string;

beforeAll(async () => {
  const workspace = await demoWorkspace();
  member = memberOf(await seedUser({ workspaceId: workspace.id, role: "designer" }), workspace, "designer");
  flowId = (
    await db().flow.findUniqueOrThrow({
      where: { workspaceId_slug: { workspaceId: workspace.id, slug: "retail-support" } },
    })
  ).id;
});

async function customerIdOf(ref: string) {
  const customer = await db().customer.findUniqueOrThrow({
    where: { workspaceId_ref: { workspaceId: member.workspaceId, ref } },
  });
  return customer.id;
}

const ORDER_STATUS: CaseExpectations = {
  routes: ["order_status"],
  toolsCalled: ["lookup_order"],
  replyContains: ["a1002", "delivered"],
};

describe("a case run as a customer", () => {
  it("runs verified as the API would name them; an unknown customer is that case's error", async () => {
    const suite = await db().evalSuite.create({
      data: { workspaceId: member.workspaceId, flowId, name: "as customers" },
    });
    for (const [name, customerRef] of [
      ["order status", "C-1001"],
      ["anonymous", null],
      ["nobody", "C-9999"],
    ] as const)
      await db().evalCase.create({
        data: { suiteId: suite.id, name, turns: ["Where is my order A1002?"], expectations: ORDER_STATUS, customerRef },
      });
    const { runId } = await db().$transaction((tx) =>
      createEvalRun(tx, member, { suiteId: suite.id, target: "draft" }),
    );
    await waitFor(
      async () => (await db().evalRun.findUniqueOrThrow({ where: { id: runId } })).status === "done",
      120_000,
      "the eval run",
    );
    const run = await db().evalRun.findUniqueOrThrow({
      where: { id: runId },
      include: { results: { include: { case: { select: { name: true } } } } },
    });
    expect(run).toMatchObject({ status: "done", total: 3, passed: 1 });
    const byName = Object.fromEntries(
      run.results.map((r) => [r.case.name, { ...r, checks: r.checks as CheckResult[] }]),
    );

    const verified = await db().conversation.findUniqueOrThrow({
      where: { id: byName["order status"].conversationId! },
    });
    expect(byName["order status"]).toMatchObject({ passed: true, error: null });
    expect(verified).toMatchObject({
      identityLevel: "verified",
      identityMethod: "api",
      customerId: await customerIdOf("C-1001"),
    });
    // Without a customer the same script is an anonymous visitor's: asked to verify, the order is not looked up.
    const anonymous = await db().conversation.findUniqueOrThrow({ where: { id: byName.anonymous.conversationId! } });
    expect(anonymous).toMatchObject({ identityLevel: "anonymous", customerId: null });
    expect(byName.anonymous.checks.find((c) => c.check === "tool_called")).toMatchObject({ passed: false });

    expect(byName.nobody).toMatchObject({ passed: false, conversationId: null, checks: [] });
    expect(byName.nobody.error).toBe("The case runs as customer “C-9999”, who does not exist in this workspace.");
  });

  it("is saved from a conversation only when the integration or the host site named its customer", async () => {
    const named = await startConversation({
      workspaceId: member.workspaceId,
      flowSlug: "retail-support",
      channel: "web",
      customerId: await customerIdOf("C-1001"),
    });
    const anonymous = await startConversation({
      workspaceId: member.workspaceId,
      flowSlug: "retail-support",
      channel: "web",
    });
    for (const { id } of [named, anonymous])
      await sendTurn({ workspaceId: member.workspaceId, conversationId: id, text: "Where is order A1002?" });
    expect(await caseFromConversation(member.workspaceId, named.id)).toMatchObject({ customerRef: "C-1001" });
    expect(await caseFromConversation(member.workspaceId, anonymous.id)).toMatchObject({ customerRef: null });
  });
});
