/**
 * Simulated-customer load: the Retail demo flow driven by customers whose messages come from simulatePhrasings
 * (lib/features/evals/simulate.ts: varied phrasings of route examples, never an example itself), so the load is also
 * a routing test. By default 20% of each route's examples are held out (lib/features/evals/held-out.ts): the
 * phrasings are made from those only and the flow is published again without them, so the router is judged on
 * wording it was not trained on. SIM_HOLDOUT=0 makes the phrasings from the trained-on examples instead (optimistic).
 *
 *   npx tsx --conditions=react-server bench/simulated-load.ts
 *
 * Compact and in-process (unlike bench/engine.ts, no Next server): a throw-away embedded Postgres, migrated and seeded
 * with the demo, one in-process engine worker; each simulated customer opens a web conversation and sends one phrasing,
 * awaiting the engine's answer. Prints turns/s, turn latency p50/p95 (client side: message accepted → replies
 * committed) and the routing accuracy the customers saw (their phrasing's route vs the router's decision), per route,
 * with the most frequent confusions.
 *   options (env): SIM_PER_ROUTE=15 phrasings per route, SIM_CONCURRENCY=8 customers at once, SIM_SEED=7 (the
 *   phrasings and which examples are held out), SIM_HOLDOUT=0.2 share of each route's examples held out (0: none),
 *   ENGINE_CONCURRENCY=8 jobs in the worker, SIM_FLOW=retail-support.
 */
import { quantile, startInProcessEngine } from "./support/in-process-engine";
import { publishWithoutHeldOut } from "./support/publish-held-out";

const PER_ROUTE = Number(process.env.SIM_PER_ROUTE ?? 15);
const CONCURRENCY = Number(process.env.SIM_CONCURRENCY ?? 8);
const SEED = Number(process.env.SIM_SEED ?? 7);
const ENGINE_CONCURRENCY = Number(process.env.ENGINE_CONCURRENCY ?? 8);
const FLOW_SLUG = process.env.SIM_FLOW ?? "retail-support";
const HOLDOUT_SHARE = Number(process.env.SIM_HOLDOUT ?? 0.2);

const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)}%` : "n/a");

async function main() {
  const engine = await startInProcessEngine({ name: "simload", engineConcurrency: ENGINE_CONCURRENCY });
  try {
    // Imported only now: the client reads DATABASE_URL, which the engine's set-up has just pointed at its database.
    const { db } = await import("@/lib/platform/db/client");
    const { startConversation } = await import("@/lib/runtime/engine/commands/start-conversation");
    const { sendCustomerMessage } = await import("@/lib/runtime/engine/commands/send-customer-message");
    const { simulatePhrasings } = await import("@/lib/features/evals/simulate");
    const { routingBasisLabel } = await import("@/lib/features/evals/held-out");
    const { DEMO_WORKSPACE_SLUG } = await import("@/prisma/demo/seed-demo");

    const workspace = await db().workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE_SLUG } });
    const flow = await db().flow.findUniqueOrThrow({
      where: { workspaceId_slug: { workspaceId: workspace.id, slug: FLOW_SLUG } },
    });
    const holdOut = HOLDOUT_SHARE > 0 ? { seed: SEED, share: HOLDOUT_SHARE } : null;
    const started = performance.now();
    // From the flow as seeded, before it is published again without the held-out examples.
    const phrasings = await simulatePhrasings({
      workspaceId: workspace.id,
      flowId: flow.id,
      perRoute: PER_ROUTE,
      seed: SEED,
      holdOut,
    });
    console.log(
      `${phrasings.length} simulated phrasings (${PER_ROUTE} per route, seed ${SEED}) in ${(performance.now() - started).toFixed(0)} ms.`,
    );
    if (holdOut) {
      const held = await publishWithoutHeldOut(workspace.id, FLOW_SLUG, holdOut);
      console.log(
        `Held out ${held.heldOut} of ${held.examples} route examples (${Math.round(HOLDOUT_SHARE * 100)}% of each route's, seed ${SEED}): the phrasings are made from them, and the flow was published again without them (trained as publishing trains).`,
      );
      if (held.tooFew.length)
        console.log(
          `Too few examples to hold any out (fewer than 3): ${held.tooFew.join(", ")}; their phrasings come from trained-on examples and are counted apart (optimistic).`,
        );
    } else console.log("Nothing held out (SIM_HOLDOUT=0): the phrasings are made from the router's training examples.");

    // Warm-up, not counted: the first turn loads the classifier and the pools.
    const warm = await startConversation({ workspaceId: workspace.id, flowSlug: FLOW_SLUG, channel: "web" });
    await sendCustomerMessage({
      workspaceId: workspace.id,
      conversationId: warm.id,
      text: "hello",
      actor: { type: "customer", id: null, label: "warm-up" },
      waitMs: 30_000,
    });

    type Outcome = {
      expected: string;
      actual: string | null;
      latencyMs: number;
      done: boolean;
      basis: (typeof phrasings)[number]["basis"];
    };
    const outcomes: Outcome[] = [];
    let next = 0;
    const window0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, customer) => {
        while (next < phrasings.length) {
          const phrasing = phrasings[next++];
          const conversation = await startConversation({
            workspaceId: workspace.id,
            flowSlug: FLOW_SLUG,
            channel: "web",
          });
          const t0 = performance.now();
          const turn = await sendCustomerMessage({
            workspaceId: workspace.id,
            conversationId: conversation.id,
            text: phrasing.text,
            actor: { type: "customer", id: null, label: `simulated customer ${customer + 1}` },
            waitMs: 30_000,
          });
          const latencyMs = performance.now() - t0;
          const router = await db().step.findFirst({
            where: { conversationId: conversation.id, nodeKind: "router", turn: turn.turn },
            orderBy: { seq: "asc" },
            select: { output: true },
          });
          const chosen = (router?.output as { decision?: { chosen?: unknown } } | null)?.decision?.chosen;
          outcomes.push({
            expected: phrasing.route,
            actual: typeof chosen === "string" ? chosen : null,
            latencyMs,
            done: turn.done,
            basis: phrasing.basis,
          });
        }
      }),
    );
    const seconds = (performance.now() - window0) / 1000;

    const latencies = outcomes.map((o) => o.latencyMs);
    const correct = outcomes.filter((o) => o.actual === o.expected).length;
    console.log(
      `\nSimulated customers: ${outcomes.length} turns by ${CONCURRENCY} concurrent customers in ${seconds.toFixed(1)} s`,
    );
    console.log(`  throughput      ${(outcomes.length / seconds).toFixed(1)} turns/s`);
    console.log(
      `  turn latency    p50 ${quantile(latencies, 0.5).toFixed(0)} ms · p95 ${quantile(latencies, 0.95).toFixed(0)} ms · max ${Math.max(...latencies).toFixed(0)} ms`,
    );
    console.log(`  unfinished      ${outcomes.filter((o) => !o.done).length} (the engine took longer than 30 s)`);
    console.log(
      `  routing accuracy ${pct(correct, outcomes.length)} (${correct} of ${outcomes.length}; low-confidence counts as wrong)`,
    );
    for (const basis of ["held_out", "training"] as const) {
      const mine = outcomes.filter((o) => o.basis === basis);
      if (!mine.length) continue;
      const ok = mine.filter((o) => o.actual === o.expected).length;
      console.log(`    ${routingBasisLabel(basis, HOLDOUT_SHARE)}: ${pct(ok, mine.length)} (${ok} of ${mine.length})`);
    }

    const routes = [...new Set(outcomes.map((o) => o.expected))];
    console.log("\n  route                 accuracy   low confidence   phrasings from");
    for (const route of routes) {
      const mine = outcomes.filter((o) => o.expected === route);
      const ok = mine.filter((o) => o.actual === route).length;
      const low = mine.filter((o) => o.actual === "low_confidence").length;
      const from = mine.every((o) => o.basis === "held_out") ? "held-out examples" : "training examples (optimistic)";
      console.log(
        `  ${route.padEnd(20)}  ${pct(ok, mine.length).padStart(7)}   ${String(low).padStart(5)}            ${from}`,
      );
    }
    const confusions = new Map<string, number>();
    for (const o of outcomes)
      if (o.actual !== o.expected)
        confusions.set(
          `${o.expected} → ${o.actual ?? "(no decision)"}`,
          (confusions.get(`${o.expected} → ${o.actual ?? "(no decision)"}`) ?? 0) + 1,
        );
    const top = [...confusions.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
    if (top.length) {
      console.log("\n  most frequent confusions");
      for (const [pair, n] of top) console.log(`  ${String(n).padStart(4)}  ${pair}`);
    }
  } finally {
    await engine.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
