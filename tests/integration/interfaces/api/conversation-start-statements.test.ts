// Opening a conversation through the API, counted (not timed): the key, then one transaction whose statement finds the
// flow and the customer, and another that writes the conversation, its greeting, its three audit entries and the Live
// notice. And what the merged statements must still do: an unknown customer is a 422 before an unknown flow, writing
// nothing; the entries chain and verify.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createConversation } from "@/app/api/v1/conversations/route";
import { db } from "@/lib/platform/db/client";
import { verifyAuditChain } from "@/lib/platform/audit/verify-chain";
import { demoWorkspace } from "@/tests/support/factories";
import { measure } from "@/tests/support/statement-counter";
import { apiRequest, counts, seedApiKey } from "./helpers";

let workspaceId: string;
let key: string;
let apiKeyId: string;

beforeAll(async () => {
  workspaceId = (await demoWorkspace()).id;
  const created = await seedApiKey({ workspaceId });
  key = created.key;
  apiKeyId = created.apiKey.id;
});

const open = (body: unknown) => createConversation(apiRequest("/api/v1/conversations", { key, body }));

describe("POST /api/v1/conversations", () => {
  it("opens a verified customer's conversation in 5 statements and 2 transactions, all three entries audited", async () => {
    await open({ flow: "retail-support", channel: "api", customer: "C-1001" }); // the version's graph, parsed once
    const started = await measure(async () => {
      const response = await open({ flow: "retail-support", channel: "api", customer: "C-1001" });
      return { status: response.status, body: (await response.json()) as { id: string; messages: unknown[] } };
    });
    expect(started.result.status).toBe(201);
    expect(started.result.body.messages).toHaveLength(1);
    console.log(`create: ${started.statements.length} statements, ${started.transactions} transactions`);
    // The key (uncached here: no revocation listener runs); BEGIN, flow and customer, conversation with greeting,
    // audit, notice and webhook subscribers, COMMIT.
    expect(started.statements.length, started.statements.join("\n")).toBeLessThanOrEqual(5);
    expect(started.transactions).toBe(2);

    const id = started.result.body.id;
    const stored = await db().conversation.findUniqueOrThrow({ where: { id }, include: { customer: true } });
    expect(stored).toMatchObject({ identityLevel: "verified", identityMethod: "api", channel: "api" });
    expect(stored.customer?.ref).toBe("C-1001");
    const audit = await db().auditLog.findMany({ where: { resourceId: id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorType])).toEqual([
      ["conversation.started", "customer"],
      ["customer.verified", "system"],
      ["conversation.started_via_api", "api_key"],
    ]);
    expect(audit[2].actorId).toBe(apiKeyId);
    expect((await verifyAuditChain({ workspaceId })).break).toBeNull();
  });

  it("answers an unknown customer with a 422 on `customer` before an unknown flow, and writes nothing", async () => {
    const before = await counts();
    const unknownBoth = await open({ flow: "no-such-flow", channel: "api", customer: "C-NOPE" });
    expect(unknownBoth.status).toBe(422);
    expect(JSON.stringify(await unknownBoth.json())).toMatch(/No customer \\"C-NOPE\\"/);
    const unknownFlow = await open({ flow: "no-such-flow", channel: "api", customer: "C-1001" });
    expect(unknownFlow.status).toBe(404);
    const anonymous = await open({ flow: "no-such-flow", channel: "api" });
    expect(anonymous.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("opens an anonymous conversation with its one entry", async () => {
    const response = await open({ flow: "retail-support", channel: "api" });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const stored = await db().conversation.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ identityLevel: "anonymous", customerId: null });
    const audit = await db().auditLog.findMany({ where: { resourceId: id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["conversation.started", "conversation.started_via_api"]);
  });
});
