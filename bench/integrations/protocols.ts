// Part 1 of bench/integrations.ts: turn latency per protocol (in-process runFlowTurn as the baseline, REST, A2A, MCP)
// over the protocols' route handlers on a local port, and the one-off client set-up.
import { randomUUID } from "node:crypto";
import { fmt } from "@/bench/support/format";
import { quantile } from "@/bench/support/in-process-engine";
import { a2aClient, keyFetch, send as sendRequest, userMessage } from "@/tests/support/a2a-client";
import { a2aText, mcpClient, type McpOutput } from "./clients";
import { FIRST, FLOW, FOLLOW_UP, N, SETUP_N, TOOL, WARMUP } from "./config";
import { load, ratio, table } from "./report";
import { type Bench } from "./setup";

export async function measureProtocols({ engine, workspace, key, principal, runFlowTurn, startRouteServer }: Bench) {
  const { POST: createConversationRoute } = await import("@/app/api/v1/conversations/route");
  const { POST: postMessageRoute } = await import("@/app/api/v1/conversations/[id]/messages/route");
  const { GET: a2aDirectory } = await import("@/app/api/a2a/[workspaceSlug]/route");
  const { GET: a2aCard } = await import("@/app/api/a2a/[workspaceSlug]/[flowSlug]/.well-known/agent-card.json/route");
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
          ok: created.status === 201 && first.status === 200 && second.status === 200 && answered(texts(a), texts(b)),
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
