// bench/integrations.ts's set-up on the started in-process engine: an API key, the retail flow republished with its
// tools' rate limits raised, one warm-up turn; returns what the three parts use.
import { type InProcessEngine } from "@/bench/support/in-process-engine";
import { raiseToolLimits } from "@/bench/support/raise-tool-limits";
import { FLOW } from "./config";

export async function prepare(engine: InProcessEngine) {
  // Imported only now: the client reads DATABASE_URL, which the engine's set-up has just pointed at its database.
  const { db } = await import("@/lib/platform/db/client");
  const { startConversation } = await import("@/lib/runtime/engine/commands/start-conversation");
  const { sendCustomerMessage } = await import("@/lib/runtime/engine/commands/send-customer-message");
  const { DEMO_WORKSPACE_SLUG } = await import("@/prisma/demo/seed-demo");
  const { createApiKey } = await import("@/lib/features/settings/api-keys/create-api-key");
  const { authenticateApiKey } = await import("@/lib/interfaces/api-keys/authenticate-api-key");
  const { runFlowTurn } = await import("@/lib/interfaces/published-flows/flow-turn");
  const { startRouteServer } = await import("@/tests/support/route-server");

  const workspace = await db().workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE_SLUG } });
  const { key } = await db().$transaction((tx) =>
    createApiKey(tx, {
      workspaceId: workspace.id,
      name: "Bench key",
      createdById: null,
      rateLimitPerMinute: 10_000_000,
    }),
  );
  const principal = await authenticateApiKey({ authorization: `Bearer ${key}` });

  // As engine.ts raises its API key's limit, the retail flow's tool limits are raised too (a refusal is not a lookup).
  await raiseToolLimits(workspace.id, FLOW);
  const customer = { type: "customer" as const, id: null, label: "bench customer" };

  // Warm-up, not counted: the first turn loads the classifier and the pools.
  const warm = await startConversation({ workspaceId: workspace.id, flowSlug: FLOW, channel: "web" });
  await sendCustomerMessage({
    workspaceId: workspace.id,
    conversationId: warm.id,
    text: "hello",
    actor: customer,
    waitMs: 30_000,
  });

  return {
    engine,
    db,
    startConversation,
    sendCustomerMessage,
    runFlowTurn,
    startRouteServer,
    workspace,
    key,
    principal,
    customer,
  };
}

export type Bench = Awaited<ReturnType<typeof prepare>>;
