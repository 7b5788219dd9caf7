/**
 * Trace render benchmark: a conversation with 500 spans (runs, nodes, routing, LLM calls with retries, tools,
 * guardrails, an escalation; nested up to four levels over several turns) is written straight into the database, then
 * its console page is opened in Chromium, signed in, several times.
 *
 *   npx tsx bench/trace-render.ts
 *       starts its own production server exactly as `npm start` does (builds if needed; embedded Postgres, seeded
 *       demo) on BENCH_PORT (3463) with a throw-away data dir, and stops it afterwards. BENCH_DEV=1 uses `next dev`.
 *   BENCH_URL=… BENCH_EMAIL=… BENCH_PASSWORD=… BENCH_DATABASE_URL=postgresql://… npx tsx bench/trace-render.ts
 *       reuses a running server (the database URL must be able to write the demo workspace's tables).
 *   options (env): BENCH_SPANS=500, BENCH_TURNS=10, BENCH_RUNS=5, CHROMIUM_PATH=/usr/bin/chromium.
 *
 * Output: per load, navigation start → the trace view has every span row in the DOM (a
 * `performance.mark("sb-trace-rendered")` the component sets), then median and p95 of BENCH_RUNS loads (after one
 * warm-up load, so the server's first-request compilation is not counted). Target: ≤ 1000 ms. Also the page's HTML
 * (decoded and as transferred) and the RSC payload a live refresh (router.refresh) downloads.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { launchChromium, signIn, startBenchApp } from "./support/bench-app";

const SPANS = Number(process.env.BENCH_SPANS ?? 500);
const TURNS = Number(process.env.BENCH_TURNS ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 1000;
const MARK = "sb-trace-rendered";

type GraphNode = { id: string; kind: string; label: string; config?: { routes?: { id: string }[] } };

type SpanRow = {
  id: string;
  parentId: string | null;
  stepId: string | null;
  eventId: string;
  kind: string;
  name: string;
  status: "ok" | "error";
  startedAt: Date;
  durationMs: number;
  input: unknown;
  output: unknown;
  error: string | null;
  attributes: unknown;
  tokensIn: number | null;
  tokensOut: number | null;
  costUsd: number | null;
};

type StepRow = {
  id: string;
  eventId: string;
  turn: number;
  seq: number;
  node: GraphNode;
  startedAt: Date;
  durationMs: number;
  attempts: number;
  output: unknown;
};

/** Spans and steps for one conversation: per turn a run, the steps of the Retail flow's path, and their children. */
function generate(nodes: GraphNode[], conversationStart: Date) {
  const spans: SpanRow[] = [];
  const steps: StepRow[] = [];
  const messages: { role: string; author: string | null; text: string; at: Date }[] = [];
  const byKind = (kind: string) => nodes.filter((n) => n.kind === kind);
  const pathKinds = ["guardrail", "router", "agent", "tool", "response", "guardrail"];
  const path = pathKinds
    .map((kind, i) => byKind(kind)[i % Math.max(1, byKind(kind).length)])
    .filter(Boolean) as GraphNode[];
  const perTurn = Math.ceil(SPANS / TURNS);
  let clock = conversationStart.getTime();

  for (let turn = 1; turn <= TURNS && spans.length < SPANS; turn++) {
    const eventId = `bench-ev-${randomUUID()}`;
    const turnStart = clock;
    messages.push({
      role: "customer",
      author: null,
      text: `Turn ${turn}: where is my order A10${turn.toString().padStart(2, "0")}?`,
      at: new Date(turnStart),
    });
    const budget = Math.min(perTurn, SPANS - spans.length);
    const turnSpans: SpanRow[] = [];
    const add = (span: Omit<SpanRow, "eventId">) => turnSpans.push({ ...span, eventId });
    add({
      id: `${eventId}:run`,
      parentId: null,
      stepId: null,
      kind: "run",
      name: "customer_message",
      status: "ok",
      startedAt: new Date(turnStart),
      durationMs: 0,
      input: null,
      output: null,
      error: null,
      attributes: { steps: 0, status: "active" },
      tokensIn: null,
      tokensOut: null,
      costUsd: null,
    });
    let seq = 0;
    let t = turnStart + 2;
    while (turnSpans.length < budget) {
      const node = path[seq % path.length];
      seq += 1;
      const stepId = `${eventId}:${seq}`;
      const start = t;
      const retried = node.kind === "agent" && seq % 3 === 1;
      const children: Omit<SpanRow, "eventId">[] = [];
      const child = (kind: string, name: string, extra: Partial<SpanRow> = {}, parentId = stepId) =>
        children.push({
          id: `${parentId}:${children.length}`,
          parentId,
          stepId,
          kind,
          name,
          status: "ok",
          startedAt: new Date(start),
          durationMs: 5 + (children.length % 7) * 11,
          input: { text: "where is my order", state: { customer: { tier: "gold" } } },
          output: { ok: true, note: "x".repeat(80) },
          error: null,
          attributes: null,
          tokensIn: null,
          tokensOut: null,
          costUsd: null,
          ...extra,
        });
      if (retried) {
        const attemptId = `${stepId}:attempt1`;
        children.push({
          id: attemptId,
          parentId: stepId,
          stepId,
          kind: "node",
          name: `${node.label} (attempt 1)`,
          status: "error",
          startedAt: new Date(start),
          durationMs: 120,
          input: null,
          output: null,
          error: "Upstream model timed out after 100 ms",
          attributes: { attempt: 1, retriable: true },
          tokensIn: null,
          tokensOut: null,
          costUsd: null,
        });
        child(
          "llm",
          "chat.completions",
          { status: "error", error: "timeout", attributes: { model: "gpt-4o-mini" } },
          attemptId,
        );
      }
      if (node.kind === "router") {
        child("route", "intent classifier", { attributes: { strategy: "classifier" } });
        child("llm", "chat.completions", {
          tokensIn: 412,
          tokensOut: 18,
          costUsd: 0.00007,
          attributes: { model: "gpt-4o-mini" },
        });
      } else if (node.kind === "agent") {
        child("llm", "chat.completions", {
          tokensIn: 1180,
          tokensOut: 96,
          costUsd: 0.00024,
          attributes: { model: "gpt-4o-mini", retries: retried ? 1 : 0 },
        });
        child("tool", "lookup_order", { attributes: { idempotencyKey: `${stepId}:lookup_order` } });
        child("guardrail", "pii", { output: { outcome: "pass" } });
        child("llm", "chat.completions", {
          tokensIn: 1320,
          tokensOut: 140,
          costUsd: 0.0003,
          attributes: { model: "gpt-4o-mini" },
        });
      } else if (node.kind === "guardrail") {
        child("guardrail", "blocked_content", {
          output: { outcome: seq % 11 === 0 ? "block" : "pass" },
          status: seq % 11 === 0 ? "error" : "ok",
          error: seq % 11 === 0 ? "Blocked content" : null,
        });
      } else if (node.kind === "tool") {
        child("tool", node.label, { durationMs: 80 });
      } else {
        child("guardrail", "exact_wording", { output: { outcome: "pass" } });
      }
      const duration = Math.max(10, ...children.map((c) => c.durationMs)) + (retried ? 140 : 8);
      const output =
        node.kind === "router"
          ? {
              decision: {
                strategy: "classifier",
                chosen: node.config?.routes?.[0]?.id ?? "order_status",
                predicted: node.config?.routes?.[0]?.id ?? "order_status",
                confidence: 0.91,
                threshold: 0.55,
                lowConfidence: false,
                candidates: (node.config?.routes ?? []).map((r, i) => ({
                  intent: r.id,
                  score: Math.max(0.01, 0.91 - i * 0.2),
                })),
              },
              stateChanges: [{ path: "intent.id", before: "greeting", after: "order_status" }],
            }
          : {
              reply: node.kind === "agent" ? "Your order is on its way." : undefined,
              stateChanges: node.kind === "agent" ? [{ path: "order.number", after: `A10${turn}` }] : undefined,
            };
      if (turnSpans.length + 1 + children.length > budget && turnSpans.length > 1) break;
      add({
        id: stepId,
        parentId: `${eventId}:run`,
        stepId,
        kind: "node",
        name: node.label,
        status: "ok",
        startedAt: new Date(start),
        durationMs: duration,
        input: { text: "where is my order" },
        output,
        error: null,
        attributes: { nodeId: node.id, nodeKind: node.kind, attempts: retried ? 2 : 1 },
        tokensIn: null,
        tokensOut: null,
        costUsd: null,
      });
      for (const c of children) turnSpans.push({ ...c, eventId });
      steps.push({
        id: stepId,
        eventId,
        turn,
        seq,
        node,
        startedAt: new Date(start),
        durationMs: duration,
        attempts: retried ? 2 : 1,
        output,
      });
      t = start + duration + 1;
    }
    turnSpans[0].durationMs = t - turnStart;
    spans.push(...turnSpans);
    messages.push({
      role: "agent",
      author: "Order tracker",
      text: `Order A10${turn} is on its way with UPS.`,
      at: new Date(t),
    });
    clock = t + 20_000;
  }
  // Top up to exactly SPANS with guardrail checks on the last run (rare, only when the budget did not divide evenly).
  const lastRun = spans.filter((s) => s.kind === "run").at(-1)!;
  while (spans.length < SPANS) {
    spans.push({
      ...lastRun,
      id: `${lastRun.id}:extra${spans.length}`,
      parentId: lastRun.id,
      kind: "guardrail",
      name: "exact_wording",
      durationMs: 0,
    });
  }
  return { spans: spans.slice(0, SPANS), steps, messages };
}

async function insertConversation(databaseUrl: string): Promise<{ id: string; spans: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: flows } = await client.query<{
      workspaceId: string;
      flowId: string;
      versionId: string;
      graph: { nodes: GraphNode[] };
    }>(
      `SELECT f."workspaceId", f.id AS "flowId", v.id AS "versionId", v.graph
         FROM "Flow" f JOIN "FlowVersion" v ON v.id = f."publishedVersionId"
        WHERE f.slug = 'retail-support' LIMIT 1`,
    );
    if (!flows[0]) throw new Error("The demo's retail-support flow is not published in this database.");
    const { workspaceId, flowId, versionId, graph } = flows[0];
    const id = `bench-trace-${randomUUID().slice(0, 8)}`;
    const started = new Date(Date.now() - 3_600_000);
    const { spans, steps, messages } = generate(graph.nodes, started);
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "Conversation" (id, "workspaceId", "flowId", "flowVersionId", channel, status, state, runtime, "eventCount", "startedAt", "updatedAt", "endedAt")
       VALUES ($1, $2, $3, $4, 'web', 'resolved', '{}', '{}', $5, $6, now(), now())`,
      [id, workspaceId, flowId, versionId, TURNS, started],
    );
    for (const [i, m] of messages.entries()) {
      await client.query(
        `INSERT INTO "Message" (id, "conversationId", seq, role, author, text, "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [`${id}-m${i}`, id, i + 1, m.role, m.author, m.text, m.at],
      );
    }
    for (const s of steps) {
      await client.query(
        `INSERT INTO "Step" (id, "conversationId", "eventId", turn, seq, attempts, "nodeId", "nodeKind", status, input, output, "startedAt", "endedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'completed', $9, $10, $11, $12)`,
        [
          s.id,
          id,
          s.eventId,
          s.turn,
          s.seq,
          s.attempts,
          s.node.id,
          s.node.kind,
          JSON.stringify({ text: "where is my order" }),
          JSON.stringify(s.output),
          s.startedAt,
          new Date(s.startedAt.getTime() + s.durationMs),
        ],
      );
    }
    for (const s of spans) {
      await client.query(
        `INSERT INTO "Span" (id, "workspaceId", "conversationId", "eventId", "parentId", "stepId", kind, name, status, "startedAt", "durationMs", input, output, error, attributes, "tokensIn", "tokensOut", "costUsd")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [
          s.id,
          workspaceId,
          id,
          s.eventId,
          s.parentId,
          s.stepId,
          s.kind,
          s.name,
          s.status,
          s.startedAt,
          s.durationMs,
          s.input === null ? null : JSON.stringify(s.input),
          s.output === null ? null : JSON.stringify(s.output),
          s.error,
          s.attributes === null ? null : JSON.stringify(s.attributes),
          s.tokensIn,
          s.tokensOut,
          s.costUsd,
        ],
      );
    }
    await client.query("COMMIT");
    return { id, spans: spans.length };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function main() {
  const app = await startBenchApp("trace", 3463);
  const browser = await launchChromium();
  try {
    if (!app.databaseUrl)
      throw new Error("Set BENCH_DATABASE_URL to insert the benchmark conversation into a running server's database.");
    const conversation = await insertConversation(app.databaseUrl);
    console.log(`Inserted conversation ${conversation.id} with ${conversation.spans} spans over ${TURNS} turns.`);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // tsx compiles this file with esbuild's keepNames, which wraps functions passed to page.evaluate in __name().
    await context.addInitScript("window.__name = (fn) => fn;");
    await signIn(context, app.url, app.email, app.password);

    const loads: number[] = [];
    let html = { decodedKb: 0, transferKb: 0 };
    for (let i = 0; i <= RUNS; i++) {
      const page = await context.newPage();
      await page.goto(`${app.url}/conversations/${conversation.id}`);
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, { timeout: 120_000 });
      const t = await page.evaluate((mark) => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        return {
          ttfb: nav.responseStart,
          dcl: nav.domContentLoadedEventEnd,
          rendered: performance.getEntriesByName(mark)[0].startTime,
          rows: document.querySelectorAll("[data-span-row]").length,
          htmlKb: nav.decodedBodySize / 1024,
          transferKb: nav.transferSize / 1024,
        };
      }, MARK);
      if (t.rows !== conversation.spans)
        throw new Error(`The trace shows ${t.rows} span rows, expected ${conversation.spans}.`);
      const label = i === 0 ? "warm-up" : `load ${i}`;
      console.log(
        `  ${label}: first byte ${Math.round(t.ttfb)} ms, DOMContentLoaded ${Math.round(t.dcl)} ms, trace rendered ${Math.round(t.rendered)} ms (${t.rows} rows, HTML ${Math.round(t.htmlKb)} KB)`,
      );
      if (i > 0) loads.push(t.rendered);
      html = { decodedKb: t.htmlKb, transferKb: t.transferKb };
      await page.close();
    }
    // What a live refresh downloads: the page's RSC payload (the router asks for it with the RSC header).
    const refresh = await (
      await context.request.get(`${app.url}/conversations/${conversation.id}`, { headers: { RSC: "1" } })
    ).body();
    console.log(
      `page HTML: ${Math.round(html.decodedKb)} KB decoded, ${Math.round(html.transferKb)} KB transferred; ` +
        `live-refresh RSC payload: ${Math.round(refresh.length / 1024)} KB (${Math.round(gzipSync(refresh).length / 1024)} KB gzipped)`,
    );
    const median = percentile(loads, 50);
    const p95 = percentile(loads, 95);
    console.log(`machine load average (1 min) at the end: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
    console.log(
      `trace render ms over ${loads.length} loads: median ${Math.round(median)}, p95 ${Math.round(p95)}   (target ≤ ${TARGET_MS} ms: ${p95 <= TARGET_MS ? "met" : "NOT met"})`,
    );
  } finally {
    await browser.close();
    app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
