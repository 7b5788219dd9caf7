/**
 * Integrations benchmark (issue 8): what the protocols around the engine cost, on the Retail demo.
 *
 *   npm run bench:integrations      (= npx tsx --conditions=react-server bench/integrations.ts)
 *
 * In-process like bench/simulated-load.ts (no Next server, no browser): a throw-away embedded Postgres, migrated and
 * seeded with the demo, one in-process engine worker, an API key made with createApiKey (rate limit raised so it never
 * throttles), and the retail flow republished with its tools' per-minute limits raised (the demo allows lookup_order
 * 120 times a minute per workspace, fewer than this bench's turns). The protocols' own route handlers are served on a real local port by tests/support/route-server.ts and
 * driven by the protocols' real clients. Three parts:
 *
 *  1. Turn latency per protocol, for the same two messages ("where is my order A1002", then a follow-up about A1001)
 *     in a new conversation each time: in-process runFlowTurn (the baseline: what A2A and MCP call, no HTTP), the REST
 *     API over HTTP (POST /api/v1/conversations + POST …/messages), A2A (@a2a-js/sdk client, JSON-RPC SendMessage)
 *     and MCP (@modelcontextprotocol/sdk Client + StreamableHTTPClientTransport, tools/call). The protocols take turns
 *     in a rotating order, so drift hits each alike. "New" is open + first message (REST: two requests), "follow-up"
 *     the second message. Prints p50/p95 and the ratio to the baseline; also the one-off client set-up (A2A card
 *     fetch, MCP initialize).
 *  2. Webhook delivery: a subscription to conversation.started pointed at tests/support/webhook-receiver.ts (which
 *     verifies the signature); conversations are started (one transaction each) and the time from the commit
 *     returning to the signed request arriving is measured: one at a time (nothing queued); a stream from several
 *     starters at once (deliveries/s = events ÷ (first commit → last arrival), bounded by how fast they start); a
 *     backlog of conversations started in one transaction (the worker's drain rate). From the delivery log: delivery
 *     row written → POST started (Prisma's createdAt is taken before the commit) and the POST's duration.
 *  3. OpenTelemetry export cost: the same workload (a conversation, two turns, several customers at once) with
 *     OTEL_EXPORTER_OTLP_ENDPOINT pointing at tests/support/otlp-receiver.ts and unset, in blocks alternating
 *     off/on/on/off…; each block ends with flushTelemetry() (timed apart: with the default 5 s batch delay, much of the
 *     sending happens there). Spans received vs expected (the events' Span rows, plus the run root when missing).
 *     The receiver runs in this process, so its decoding competes with the engine for the same cores.
 *
 * Options (env): BENCH_N=30 conversations per protocol, BENCH_WARMUP=3 per protocol (not counted), BENCH_SETUP_N=10
 *   client set-ups per protocol, BENCH_WEBHOOK_TRICKLE=20, BENCH_WEBHOOK_EVENTS=200 and BENCH_WEBHOOK_BACKLOG=200
 *   events, BENCH_WEBHOOK_CONCURRENCY=4 starters, BENCH_OTEL_TURNS=100 turns per mode, BENCH_OTEL_BLOCK=20 turns per block,
 *   BENCH_OTEL_CONCURRENCY=4 customers, ENGINE_CONCURRENCY=8 jobs in the worker,
 *   BENCH_PARTS=protocols,webhooks,otel (a subset runs only those parts).
 * The figures are only meaningful on a machine that is not busy with other work: the load average is printed.
 */
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import type { Task } from "@a2a-js/sdk";
import { Client as McpClient } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { a2aClient, keyFetch, send as sendRequest, userMessage } from "@/tests/support/a2a-client";
import { quantile, startInProcessEngine } from "./support/in-process-engine";

const N = Number(process.env.BENCH_N ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const SETUP_N = Number(process.env.BENCH_SETUP_N ?? 10);
const WEBHOOK_TRICKLE = Number(process.env.BENCH_WEBHOOK_TRICKLE ?? 20);
const WEBHOOK_EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 200);
const WEBHOOK_CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 4);
const WEBHOOK_BACKLOG = Number(process.env.BENCH_WEBHOOK_BACKLOG ?? 200);
const OTEL_TURNS = Number(process.env.BENCH_OTEL_TURNS ?? 100);
const OTEL_BLOCK = Math.max(2, Number(process.env.BENCH_OTEL_BLOCK ?? 20));
const OTEL_CONCURRENCY = Number(process.env.BENCH_OTEL_CONCURRENCY ?? 4);
const ENGINE_CONCURRENCY = Number(process.env.ENGINE_CONCURRENCY ?? 8);
const PARTS = new Set((process.env.BENCH_PARTS ?? "protocols,webhooks,otel").split(",").map((p) => p.trim()));

const FLOW = "retail-support";
const TOOL = "retail_support"; // the flow's MCP tool name
const FIRST = "where is my order A1002";
const FOLLOW_UP = "and what about order A1001?";
const OTEL_VARS = [
  "OTEL_EXPORTER_OTLP_ENDPOINT",
  "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
  "OTEL_SDK_DISABLED",
  "OTEL_TRACES_EXPORTER",
];

// ---- statistics and printing (as in the other benches) ----

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : "n/a");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () =>
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ")} (1/5/15 min) on ${os.cpus().length} cores`;

function table(rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows)
    console.log(
      `  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i] + 2))).join("")}`,
    );
}

// ---- protocol clients ----

const a2aText = (task: Task) =>
  (task.status?.message?.parts ?? []).flatMap((p) => (p.content?.$case === "text" ? [p.content.value] : [])).join("\n");

async function mcpClient(baseUrl: string, key: string): Promise<McpClient> {
  const client = new McpClient({ name: "switchboard-bench", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL("/api/mcp", baseUrl), {
      requestInit: { headers: { Authorization: `Bearer ${key}` } },
    }),
  );
  return client;
}

type McpOutput = { conversationId: string; done: boolean; replies: { text: string }[] };

// ---- main ----

async function main() {
  console.log(`Integrations benchmark · ${load()}`);
  // The receivers listen on 127.0.0.1, which the SSRF guard allows only when allowlisted (as a developer would).
  process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST = "127.0.0.1";
  for (const name of OTEL_VARS) delete process.env[name];
  // Webhook signing secrets are stored encrypted: a throw-away key for the throw-away database (`npm start` sets one).
  process.env.SWITCHBOARD_SECRETS_KEY ??= randomBytes(32).toString("hex");
  const engine = await startInProcessEngine({ name: "integrations", engineConcurrency: ENGINE_CONCURRENCY });
  console.log(`Migrated and seeded the demo in ${fmt(engine.seedMs / 1000)} s.`);

  try {
    // Imported only now: the client reads DATABASE_URL, which the engine's set-up has just pointed at its database.
    const { db } = await import("@/lib/platform/db/client");
    const { startConversation } = await import("@/lib/runtime/engine/commands/start-conversation");
    const { sendCustomerMessage } = await import("@/lib/runtime/engine/commands/send-customer-message");
    const { DEMO_WORKSPACE_SLUG } = await import("@/prisma/demo/seed-demo");
    const { createApiKey } = await import("@/lib/features/settings/api-keys/create-api-key");
    const { authenticateApiKey } = await import("@/lib/interfaces/api-keys/authenticate-api-key");
    const { runFlowTurn } = await import("@/lib/interfaces/published-flows/flow-turn");
    const { startRouteServer } = await import("@/tests/support/route-server");
    const { publishFlow } = await import("@/lib/features/flows/publish-flow");

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

    // The demo permits lookup_order 120 times a minute per workspace, which this bench passes within seconds (its turns
    // would then measure the refusal, not the lookup). As engine.ts raises its API key's limit: the retail flow is
    // published again with its tools' per-minute limits raised, on this throw-away database only.
    const retail = await db().flow.findUniqueOrThrow({
      where: { workspaceId_slug: { workspaceId: workspace.id, slug: FLOW } },
    });
    const draft = retail.draft as { edges: { permission?: { ratePerMinute?: number } }[] };
    for (const edge of draft.edges) if (edge.permission?.ratePerMinute) edge.permission.ratePerMinute = 100_000;
    await db().$transaction(async (tx) => {
      await tx.flow.update({ where: { id: retail.id }, data: { draft } });
      await publishFlow(tx, {
        flowId: retail.id,
        note: "bench: tool rate limits raised",
        actor: { type: "system", label: "bench" },
      });
    });
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

    // ======== 1. turn latency per protocol ========
    if (PARTS.has("protocols")) {
      const { POST: createConversationRoute } = await import("@/app/api/v1/conversations/route");
      const { POST: postMessageRoute } = await import("@/app/api/v1/conversations/[id]/messages/route");
      const { GET: a2aDirectory } = await import("@/app/api/a2a/[workspaceSlug]/route");
      const { GET: a2aCard } =
        await import("@/app/api/a2a/[workspaceSlug]/[flowSlug]/.well-known/agent-card.json/route");
      const { POST: a2aRpc } = await import("@/app/api/a2a/[workspaceSlug]/[flowSlug]/route");
      const mcpRoute = await import("@/app/api/mcp/route");
      const server = await startRouteServer([
        { pattern: "/api/v1/conversations", handlers: { POST: createConversationRoute } },
        { pattern: "/api/v1/conversations/:id/messages", handlers: { POST: postMessageRoute } },
        { pattern: "/api/a2a/:workspaceSlug", handlers: { GET: a2aDirectory } },
        { pattern: "/api/a2a/:workspaceSlug/:flowSlug", handlers: { POST: a2aRpc } },
        { pattern: "/api/a2a/:workspaceSlug/:flowSlug/.well-known/agent-card.json", handlers: { GET: a2aCard } },
        { pattern: "/api/mcp", handlers: { POST: mcpRoute.POST, GET: mcpRoute.GET, DELETE: mcpRoute.DELETE } },
      ]);
      engine.onStop(() => server.close());
      const cardUrl = `${server.url}/api/a2a/${workspace.slug}/${FLOW}/.well-known/agent-card.json`;

      // One-off client set-up, not part of a turn: the A2A card fetch, the MCP initialize handshake.
      const setup = { a2a: [] as number[], mcp: [] as number[] };
      for (let i = 0; i < SETUP_N; i++) {
        let t0 = performance.now();
        await a2aClient(cardUrl, key);
        setup.a2a.push(performance.now() - t0);
        t0 = performance.now();
        const client = await mcpClient(server.url, key);
        setup.mcp.push(performance.now() - t0);
        await client.close();
      }

      const a2a = await a2aClient(cardUrl, key);
      const mcp = await mcpClient(server.url, key);
      engine.onStop(() => mcp.close());
      const rest = keyFetch(key);

      type Sample = { first: number; followUp: number; ok: boolean; texts?: string };
      type Protocol = { name: string; run: () => Promise<Sample> };
      const answered = (first: string, second: string) => first.includes("A1002") && second.includes("A1001");

      const protocols: Protocol[] = [
        {
          name: "runFlowTurn in-process (baseline)",
          run: async () => {
            const t0 = performance.now();
            const a = await runFlowTurn(principal, "mcp", { flowSlug: FLOW, text: FIRST });
            const t1 = performance.now();
            const b = await runFlowTurn(principal, "mcp", {
              flowSlug: FLOW,
              conversationId: a.conversationId,
              text: FOLLOW_UP,
            });
            const t2 = performance.now();
            const texts = (turn: typeof a) => turn.replies.map((r) => r.text).join("\n");
            return {
              first: t1 - t0,
              followUp: t2 - t1,
              ok: a.done && b.done && answered(texts(a), texts(b)),
              texts: `${texts(a)} | ${texts(b)}`,
            };
          },
        },
        {
          name: "REST /api/v1 over HTTP",
          run: async () => {
            const post = (p: string, body: unknown) =>
              rest(`${server.url}${p}`, {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify(body),
              });
            type Replies = { replies?: { text: string }[] };
            const t0 = performance.now();
            const created = await post("/api/v1/conversations", { flow: FLOW, channel: "api" });
            const { id } = (await created.json()) as { id: string };
            const first = await post(`/api/v1/conversations/${id}/messages`, { text: FIRST });
            const a = (await first.json()) as Replies;
            const t1 = performance.now();
            const second = await post(`/api/v1/conversations/${id}/messages`, { text: FOLLOW_UP });
            const b = (await second.json()) as Replies;
            const t2 = performance.now();
            const texts = (r: Replies) => (r.replies ?? []).map((x) => x.text).join("\n");
            return {
              first: t1 - t0,
              followUp: t2 - t1,
              ok:
                created.status === 201 && first.status === 200 && second.status === 200 && answered(texts(a), texts(b)),
              texts: `${texts(a)} | ${texts(b)}`,
            };
          },
        },
        {
          name: "A2A JSON-RPC (SDK client)",
          run: async () => {
            const contextId = randomUUID();
            const send = async (text: string) => {
              const result = await a2a.sendMessage(sendRequest(userMessage(text, { contextId })));
              if (!("id" in result)) throw new Error("A2A: expected a task");
              return result;
            };
            const t0 = performance.now();
            const a = await send(FIRST);
            const t1 = performance.now();
            const b = await send(FOLLOW_UP);
            const t2 = performance.now();
            return {
              first: t1 - t0,
              followUp: t2 - t1,
              ok: answered(a2aText(a), a2aText(b)),
              texts: `${a2aText(a)} | ${a2aText(b)}`,
            };
          },
        },
        {
          name: "MCP tools/call (SDK client)",
          run: async () => {
            const call = async (args: Record<string, string>) => {
              const result = await mcp.callTool({ name: TOOL, arguments: args });
              if (result.isError) throw new Error(`MCP: ${JSON.stringify(result.content).slice(0, 200)}`);
              return result.structuredContent as McpOutput;
            };
            const t0 = performance.now();
            const a = await call({ message: FIRST });
            const t1 = performance.now();
            const b = await call({ message: FOLLOW_UP, conversationId: a.conversationId });
            const t2 = performance.now();
            const texts = (o: McpOutput) => o.replies.map((r) => r.text).join("\n");
            return {
              first: t1 - t0,
              followUp: t2 - t1,
              ok: a.done && b.done && answered(texts(a), texts(b)),
              texts: `${texts(a)} | ${texts(b)}`,
            };
          },
        },
      ];

      console.log(
        `\n=== 1. Turn latency per protocol: ${N} new conversations each (+${WARMUP} warm-up), two turns each, one at a time ===`,
      );
      for (let i = 0; i < WARMUP; i++) for (const p of protocols) await p.run();
      const samples = new Map<string, Sample[]>(protocols.map((p) => [p.name, []]));
      const errors = new Map<string, string[]>(protocols.map((p) => [p.name, []]));
      const started = performance.now();
      for (let i = 0; i < N; i++) {
        // Rotating order: each protocol runs first, second… equally often.
        for (let k = 0; k < protocols.length; k++) {
          const p = protocols[(i + k) % protocols.length];
          try {
            samples.get(p.name)!.push(await p.run());
          } catch (error) {
            errors.get(p.name)!.push(error instanceof Error ? error.message : String(error));
          }
        }
      }
      console.log(
        `  ${N * protocols.length * 2} measured turns in ${fmt((performance.now() - started) / 1000)} s · ${load()}`,
      );

      const base = samples.get(protocols[0].name)!;
      const baseFirst = quantile(
        base.map((s) => s.first),
        0.5,
      );
      const baseFirst95 = quantile(
        base.map((s) => s.first),
        0.95,
      );
      const baseFollow = quantile(
        base.map((s) => s.followUp),
        0.5,
      );
      const baseFollow95 = quantile(
        base.map((s) => s.followUp),
        0.95,
      );
      const rows: string[][] = [
        [
          "protocol",
          "new p50 ms",
          "new p95 ms",
          "follow-up p50",
          "follow-up p95",
          "new p50 ÷ base",
          "follow p50 ÷ base",
          "follow p95 ÷ base",
          "answered / errors",
        ],
      ];
      for (const p of protocols) {
        const s = samples.get(p.name)!;
        const first = s.map((x) => x.first);
        const follow = s.map((x) => x.followUp);
        rows.push([
          p.name,
          fmt(quantile(first, 0.5)),
          fmt(quantile(first, 0.95)),
          fmt(quantile(follow, 0.5)),
          fmt(quantile(follow, 0.95)),
          ratio(quantile(first, 0.5), baseFirst),
          ratio(quantile(follow, 0.5), baseFollow),
          ratio(quantile(follow, 0.95), baseFollow95),
          `${s.filter((x) => x.ok).length}/${s.length} / ${errors.get(p.name)!.length}`,
        ]);
      }
      table(rows);
      console.log(
        `  overhead over the baseline, p50 (ms): ${protocols
          .slice(1)
          .map((p) => {
            const s = samples.get(p.name)!;
            return `${p.name.split(" ")[0]} new +${fmt(
              quantile(
                s.map((x) => x.first),
                0.5,
              ) - baseFirst,
            )}, follow-up +${fmt(
              quantile(
                s.map((x) => x.followUp),
                0.5,
              ) - baseFollow,
            )}`;
          })
          .join(" · ")}   (baseline new p95 ${fmt(baseFirst95)} ms, follow-up p95 ${fmt(baseFollow95)} ms)`,
      );
      console.log(
        `  client set-up, once per client (${SETUP_N} each): A2A card fetch + client p50 ${fmt(quantile(setup.a2a, 0.5))} ms / p95 ${fmt(quantile(setup.a2a, 0.95))} ms; MCP initialize p50 ${fmt(quantile(setup.mcp, 0.5))} ms / p95 ${fmt(quantile(setup.mcp, 0.95))} ms`,
      );
      for (const [name, list] of errors)
        for (const message of [...new Set(list)].slice(0, 3)) console.log(`  error (${name}): ${message}`);
      for (const p of protocols) {
        const unanswered = samples.get(p.name)!.find((x) => !x.ok);
        if (unanswered)
          console.log(
            `  e.g. not answered as expected (${p.name}): ${JSON.stringify(unanswered.texts?.replace(/\s+/g, " ").slice(0, 300))}`,
          );
      }
    }

    // ======== 2. webhook delivery ========
    if (PARTS.has("webhooks")) {
      const { startWebhookReceiver } = await import("@/tests/support/webhook-receiver");
      const { createWebhookEndpoint } = await import("@/lib/features/settings/webhooks/manage-endpoints");
      const receiver = await startWebhookReceiver();
      engine.onStop(() => receiver.close());
      const admin = await db().membership.findFirstOrThrow({ where: { workspaceId: workspace.id, role: "admin" } });
      const { endpoint, secret } = await db().$transaction((tx) =>
        createWebhookEndpoint(tx, {
          workspaceId: workspace.id,
          createdById: admin.userId,
          kind: "subscription",
          name: "bench receiver",
          url: receiver.url,
          events: ["conversation.started"],
        }),
      );
      receiver.setSecret(secret);

      // The receiver keeps what it got but not when: note the arrival of each verified, accepted request as it is
      // recorded (the push happens when the body has been read and the signature checked, before the answer).
      const arrivals = new Map<string, number>();
      const waiting = new Map<string, (at: number) => void>();
      const record = receiver.received.push.bind(receiver.received);
      receiver.received.push = (...items: typeof receiver.received) => {
        const at = performance.now();
        for (const item of items) {
          const id = item.body?.data?.conversationId;
          if (typeof id !== "string" || !item.verified || item.status >= 300) continue;
          arrivals.set(id, at);
          waiting.get(id)?.(at);
        }
        return record(...items);
      };
      const arrival = (id: string, timeoutMs: number) =>
        arrivals.has(id)
          ? Promise.resolve(arrivals.get(id)!)
          : new Promise<number>((resolve, reject) => {
              const timer = setTimeout(
                () => reject(new Error(`no webhook for ${id} within ${timeoutMs} ms`)),
                timeoutMs,
              );
              waiting.set(id, (at) => {
                clearTimeout(timer);
                resolve(at);
              });
            });
      const start = async () => {
        const conversation = await startConversation({ workspaceId: workspace.id, flowSlug: FLOW, channel: "api" });
        return { id: conversation.id, committedAt: performance.now() };
      };

      console.log(
        `\n=== 2. Webhook delivery (conversation.started → signed POST verified by the local receiver; worker concurrency ${ENGINE_CONCURRENCY}) ===`,
      );
      const trickle: number[] = [];
      for (let i = 0; i < WEBHOOK_TRICKLE; i++) {
        const { id, committedAt } = await start();
        trickle.push((await arrival(id, 30_000)) - committedAt);
      }

      const burst: { id: string; committedAt: number }[] = []; // the stream
      let next = 0;
      const burstStarted = performance.now();
      await Promise.all(
        Array.from({ length: WEBHOOK_CONCURRENCY }, async () => {
          while (next < WEBHOOK_EVENTS) {
            next++;
            burst.push(await start());
          }
        }),
      );
      const committedIn = performance.now() - burstStarted;
      const missing: string[] = [];
      const burstLatency: number[] = [];
      let lastArrival = 0;
      for (const { id, committedAt } of burst) {
        try {
          const at = await arrival(id, 60_000);
          lastArrival = Math.max(lastArrival, at);
          burstLatency.push(at - committedAt);
        } catch {
          missing.push(id);
        }
      }
      const spanSeconds = (lastArrival - burstStarted) / 1000;

      // A backlog: many conversations started in one transaction, so every delivery job appears at once and the
      // worker's drain rate shows, not the starters'.
      const backlogStartedAt = new Date();
      const backlog = await db().$transaction(
        async (tx) => {
          const ids: string[] = [];
          for (let i = 0; i < WEBHOOK_BACKLOG; i++)
            ids.push((await startConversation({ workspaceId: workspace.id, flowSlug: FLOW, channel: "api", tx })).id);
          return ids;
        },
        { timeout: 120_000 },
      );
      const backlogCommitted = performance.now();
      const backlogLatency: number[] = [];
      for (const id of backlog) {
        try {
          backlogLatency.push((await arrival(id, 60_000)) - backlogCommitted);
        } catch {
          missing.push(id);
        }
      }
      const backlogSeconds = Math.max(...backlogLatency) / 1000;

      // The delivery log's view, once every delivery is settled (the attempt is recorded after the receiver answered):
      // delivery row written (in the start's transaction) → POST started, and the POST itself.
      for (
        let i = 0;
        i < 100 && (await db().webhookDelivery.count({ where: { endpointId: endpoint.id, status: "pending" } })) > 0;
        i++
      )
        await sleep(100);
      const deliveries = await db().webhookDelivery.findMany({
        where: { endpointId: endpoint.id },
        select: {
          createdAt: true,
          status: true,
          attempts: true,
          attemptLog: { select: { at: true, durationMs: true }, orderBy: { number: "asc" }, take: 1 },
        },
      });
      // Not the backlog's: their rows are written over the whole of its long transaction.
      const attempts = deliveries.flatMap((d) =>
        d.attemptLog[0] && d.createdAt < backlogStartedAt ? [{ ...d.attemptLog[0], createdAt: d.createdAt }] : [],
      );
      const queueWait = attempts.map((a) => a.at.getTime() - a.durationMs - a.createdAt.getTime());
      const postMs = attempts.map((a) => a.durationMs);
      const rows: string[][] = [["commit → verified request", "events", "p50 ms", "p95 ms", "max ms", "deliveries/s"]];
      rows.push([
        "one at a time (idle queue)",
        String(trickle.length),
        fmt(quantile(trickle, 0.5)),
        fmt(quantile(trickle, 0.95)),
        fmt(Math.max(...trickle)),
        "—",
      ]);
      rows.push([
        `stream, ${WEBHOOK_CONCURRENCY} starters`,
        String(burstLatency.length),
        fmt(quantile(burstLatency, 0.5)),
        fmt(quantile(burstLatency, 0.95)),
        fmt(Math.max(...burstLatency)),
        fmt(burstLatency.length / spanSeconds),
      ]);
      rows.push([
        `backlog, ${WEBHOOK_BACKLOG} in one commit`,
        String(backlogLatency.length),
        fmt(quantile(backlogLatency, 0.5)),
        fmt(quantile(backlogLatency, 0.95)),
        fmt(Math.max(...backlogLatency)),
        fmt(backlogLatency.length / backlogSeconds),
      ]);
      table(rows);
      console.log(
        `  stream: ${burst.length} commits in ${fmt(committedIn / 1000, 2)} s (${fmt(burst.length / (committedIn / 1000))} conversations/s started), last delivery ${fmt(spanSeconds, 2)} s after the first commit; backlog drained in ${fmt(backlogSeconds, 2)} s; missing ${missing.length}`,
      );
      console.log(
        `  delivery log (${deliveries.length} deliveries: ${deliveries.filter((d) => d.status === "succeeded").length} succeeded, ${deliveries.filter((d) => d.status === "pending").length} pending, ${deliveries.filter((d) => d.attempts > 1).length} retried); one at a time + stream (${attempts.length}): delivery written → POST started p50 ${fmt(quantile(queueWait, 0.5))} / p95 ${fmt(quantile(queueWait, 0.95))} ms; POST p50 ${fmt(quantile(postMs, 0.5))} / p95 ${fmt(quantile(postMs, 0.95))} ms`,
      );
      console.log(
        `  receiver: ${receiver.received.length} requests, ${receiver.accepted().length} verified and accepted · ${load()}`,
      );
      // Later parts start conversations too: they should not send webhooks.
      await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { active: false } });
    }

    // ======== 3. OpenTelemetry export cost ========
    if (PARTS.has("otel")) {
      const { startOtlpReceiver } = await import("@/tests/support/otlp-receiver");
      const { flushTelemetry } = await import("@/lib/interfaces/otel/export-event-trace");
      const { runSpanRowId, traceIdForEvent } = await import("@/lib/interfaces/otel/span-rows-to-otel");
      const receiver = await startOtlpReceiver();
      engine.onStop(() => receiver.close());

      type Block = {
        mode: "off" | "on";
        turns: number[];
        eventIds: string[];
        seconds: number;
        flushMs: number;
        failed: number;
      };
      const runBlock = async (mode: "off" | "on"): Promise<Block> => {
        if (mode === "on") process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.endpoint;
        else delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
        const block: Block = { mode, turns: [], eventIds: [], seconds: 0, flushMs: 0, failed: 0 };
        let left = OTEL_BLOCK;
        const t0 = performance.now();
        await Promise.all(
          Array.from({ length: OTEL_CONCURRENCY }, async () => {
            while (left > 0) {
              left -= 2;
              const conversation = await startConversation({
                workspaceId: workspace.id,
                flowSlug: FLOW,
                channel: "api",
              });
              for (const text of [FIRST, FOLLOW_UP]) {
                const started = performance.now();
                const turn = await sendCustomerMessage({
                  workspaceId: workspace.id,
                  conversationId: conversation.id,
                  text,
                  actor: customer,
                  waitMs: 30_000,
                });
                block.turns.push(performance.now() - started);
                block.eventIds.push(turn.eventId);
                if (!turn.done || turn.error) block.failed++;
              }
            }
          }),
        );
        block.seconds = (performance.now() - t0) / 1000;
        // The engine hands a finished event to the exporter just after its last commit, which the turn may see first:
        // let the last ones through before the endpoint changes (not timed).
        await sleep(150);
        const f0 = performance.now();
        await flushTelemetry();
        block.flushMs = performance.now() - f0;
        delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
        return block;
      };

      const blocksPerMode = Math.ceil(OTEL_TURNS / OTEL_BLOCK);
      console.log(
        `\n=== 3. OpenTelemetry export: ${blocksPerMode * OTEL_BLOCK} turns per mode in blocks of ${OTEL_BLOCK} (off/on/on/off…), ${OTEL_CONCURRENCY} customers at once ===`,
      );
      await runBlock("on"); // warm-up: the exporter's first use (not counted)
      receiver.clear();
      const blocks: Block[] = [];
      const pattern = ["off", "on", "on", "off"] as const;
      for (let b = 0; b < blocksPerMode * 2; b++) blocks.push(await runBlock(pattern[b % 4]));
      await flushTelemetry();

      const summary = (mode: "off" | "on") => {
        const mine = blocks.filter((b) => b.mode === mode);
        const turns = mine.flatMap((b) => b.turns);
        const seconds = mine.reduce((s, b) => s + b.seconds, 0);
        const flush = mine.reduce((s, b) => s + b.flushMs, 0) / 1000;
        return {
          turns: turns.length,
          tps: turns.length / seconds,
          tpsWithFlush: turns.length / (seconds + flush),
          p50: quantile(turns, 0.5),
          p95: quantile(turns, 0.95),
          flushMs: quantile(
            mine.map((b) => b.flushMs),
            0.5,
          ),
          failed: mine.reduce((s, b) => s + b.failed, 0),
          eventIds: mine.flatMap((b) => b.eventIds),
        };
      };
      const off = summary("off");
      const on = summary("on");

      // Expected: every Span row of the exported events, plus the synthetic run root where the event has no run row.
      const spanCounts = await db().span.groupBy({
        by: ["eventId"],
        where: { eventId: { in: on.eventIds } },
        _count: { _all: true },
      });
      const runRows = await db().span.count({ where: { id: { in: on.eventIds.map(runSpanRowId) } } });
      const expected = spanCounts.reduce((s, c) => s + c._count._all, 0) + (on.eventIds.length - runRows);
      const onTraces = new Set(on.eventIds.map(traceIdForEvent));
      const offTraces = new Set(off.eventIds.map(traceIdForEvent));
      const received = receiver.spans().filter((s) => onTraces.has(s.traceId));
      const tracesReceived = new Set(received.map((s) => s.traceId)).size;
      const strays = receiver.spans().filter((s) => offTraces.has(s.traceId)).length;

      const rows: string[][] = [
        [
          "OTel export",
          "turns",
          "turns/s",
          "turns/s incl. flush",
          "turn p50 ms",
          "turn p95 ms",
          "flush/block p50 ms",
          "failed",
        ],
      ];
      for (const [name, s] of [
        ["off (unset)", off],
        ["on (local OTLP receiver)", on],
      ] as const) {
        rows.push([
          name,
          String(s.turns),
          fmt(s.tps),
          fmt(s.tpsWithFlush),
          fmt(s.p50),
          fmt(s.p95),
          fmt(s.flushMs),
          String(s.failed),
        ]);
      }
      rows.push([
        "on ÷ off",
        "",
        ratio(on.tps, off.tps),
        ratio(on.tpsWithFlush, off.tpsWithFlush),
        ratio(on.p50, off.p50),
        ratio(on.p95, off.p95),
        "",
        "",
      ]);
      table(rows);
      console.log(
        `  spans received / expected: ${received.length} / ${expected} (${fmt((received.length / expected) * 100)}%), traces ${tracesReceived} / ${on.eventIds.length} turns, ${fmt(expected / Math.max(1, on.eventIds.length))} spans per turn; ${receiver.requests.length} export requests; spans from "off" turns: ${strays}`,
      );
      console.log(
        `  per block (mode turns/s): ${blocks.map((b) => `${b.mode} ${fmt(b.turns.length / b.seconds)}`).join(", ")} · ${load()}`,
      );
    }

    console.log(`\nDone · ${load()}`);
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
