/**
 * Fills a database with N synthetic conversations for the dashboard benchmark (default 1,000,000), in a workspace
 * of its own ("bench-kpi"): 3 flows × 3 published versions rolled out over ~90 days, web and api channels, realistic
 * outcomes (resolved, escalated, abandoned, failed, still active), escalations with first responses and SLA breaches,
 * 3–5 steps per conversation (router, one or two agents — an agent→agent handoff in about 40%, some of which ask
 * again for a slot the first agent already had —, a tool node), 2–4 spans (llm calls on three models with tokens and
 * cost, tool calls that sometimes fail), routing reviews on ~1%, and a customer pool small enough that customers come
 * back with the same intent (recontacts). Everything is generated inside Postgres with generate_series, in chunks.
 *
 *   DATABASE_URL=postgresql://… npx tsx bench/generate-conversations.ts [--conversations N] [--days 90]
 *
 * The database must be migrated. Running it again adds another N conversations to the same workspace.
 */
import pg from "pg";

export type GenerateOptions = {
  conversations: number;
  days?: number;
  chunk?: number;
  now?: Date;
  log?: (line: string) => void;
};

const FLOWS = ["retail", "billing", "banking"] as const;
const INTENTS = ["order_status", "refund", "billing_question", "card_lost", "address_change", "complaint"];
const MODELS = [
  { name: "gpt-4o-mini", inCost: 0.15e-6, outCost: 0.6e-6 },
  { name: "gpt-4.1", inCost: 2e-6, outCost: 8e-6 },
  { name: "offline", inCost: 0, outCost: 0 },
];

const nodeGraph = (flow: string) => ({
  nodes: [
    { id: "start", kind: "start", label: "Start" },
    { id: "router", kind: "router", label: `${flow} router` },
    { id: "agent_triage", kind: "agent", label: "Triage agent" },
    { id: "agent_specialist", kind: "agent", label: "Specialist agent" },
    { id: "tool_lookup", kind: "tool", label: "Look up account" },
    { id: "escalate", kind: "escalate", label: "Escalate to a person" },
  ],
  edges: [],
});

/** Creates (or reuses) the bench workspace, its flows, versions, customers and a reviewer. Returns the workspace id. */
async function ensureFixtures(client: pg.Client, customers: number): Promise<string> {
  const ws = await client.query(
    `INSERT INTO "Workspace" (id, slug, name) VALUES ('bench-kpi', 'bench-kpi', 'Bench KPI') ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
  );
  const workspaceId = ws.rows[0].id as string;
  for (const flow of FLOWS) {
    const flowId = `bench-${flow}`;
    await client.query(
      `INSERT INTO "Flow" (id, "workspaceId", slug, name, draft, "updatedAt") VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (id) DO NOTHING`,
      [flowId, workspaceId, flow, `${flow[0].toUpperCase()}${flow.slice(1)} support`, JSON.stringify(nodeGraph(flow))],
    );
    for (let v = 1; v <= 3; v++) {
      await client.query(
        `INSERT INTO "FlowVersion" (id, "flowId", kind, number, graph) VALUES ($1, $2, 'published', $3, $4) ON CONFLICT (id) DO NOTHING`,
        [`${flowId}-v${v}`, flowId, v, JSON.stringify(nodeGraph(flow))],
      );
    }
  }
  await client.query(
    `INSERT INTO "Customer" (id, "workspaceId", ref, name, email)
     SELECT 'bench-cust-' || i, $1, 'B-' || i, 'Customer ' || i, 'c' || i || '@bench.test' FROM generate_series(1, $2::int) i
     ON CONFLICT (id) DO NOTHING`,
    [workspaceId, customers],
  );
  await client.query(
    `INSERT INTO "User" (id, email, name, "passwordHash") VALUES ('bench-reviewer', 'reviewer@bench.test', 'Bench reviewer', '-') ON CONFLICT (id) DO NOTHING`,
  );
  return workspaceId;
}

export async function generateConversations(
  databaseUrl: string,
  options: GenerateOptions,
): Promise<{ workspaceId: string; ms: number }> {
  const started = performance.now();
  const n = options.conversations;
  const days = options.days ?? 90;
  const chunk = options.chunk ?? 50_000;
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SET synchronous_commit = off`);
    // ~1 customer per 8 conversations: about half of the customers come back within a week at this rate.
    const customers = Math.max(50, Math.round(n / 8));
    const workspaceId = await ensureFixtures(client, customers);
    const offsetRow = await client.query(`SELECT count(*)::int AS n FROM "Conversation" WHERE "workspaceId" = $1`, [
      workspaceId,
    ]);
    const offset = offsetRow.rows[0].n as number;
    const intents = `(ARRAY[${INTENTS.map((i) => `'${i}'`).join(",")}])`;
    const models = `(ARRAY[${MODELS.map((m) => `'${m.name}'`).join(",")}])`;
    const inCost = `(ARRAY[${MODELS.map((m) => m.inCost).join(",")}]::float8[])`;
    const outCost = `(ARRAY[${MODELS.map((m) => m.outCost).join(",")}]::float8[])`;
    const flows = `(ARRAY[${FLOWS.map((f) => `'bench-${f}'`).join(",")}])`;
    for (let from = offset + 1; from <= offset + n; from += chunk) {
      const to = Math.min(offset + n, from + chunk - 1);
      await client.query("BEGIN");
      // One row of dice per conversation; every table below reads its outcome from here.
      await client.query(
        `CREATE TEMP TABLE gen ON COMMIT DROP AS
         SELECT i, 'bc' || i AS id, r.*,
           ($1::timestamp - (r.age * $2::float8 * interval '1 day')) AS started_at,
           ${flows}[1 + (i % 3)] AS flow_id,
           ${intents}[1 + floor(r.r_intent * 6)::int] AS intent,
           CASE WHEN r.r_channel < 0.7 THEN 'web' ELSE 'api' END AS channel,
           CASE WHEN r.r_cust < 0.85 THEN 'bench-cust-' || (1 + floor(r.r_cust2 * $3::int))::int END AS customer_id,
           -- version 1 in the oldest third of the range, 2 in the middle, 3 in the newest; 10% stragglers stay on the previous one
           GREATEST(1, LEAST(3, 3 - floor(r.age * 3)::int - CASE WHEN r.r_ver < 0.1 THEN 1 ELSE 0 END)) AS version,
           CASE WHEN r.age * $2::float8 < 0.02 AND r.r_status < 0.5 THEN 'active'
                WHEN r.r_status < 0.62 THEN 'resolved'
                WHEN r.r_status < 0.76 THEN 'escalated_resolved'
                WHEN r.r_status < 0.81 THEN 'escalated'
                WHEN r.r_status < 0.96 THEN 'abandoned'
                ELSE 'failed' END AS outcome
         FROM generate_series($4::int, $5::int) i,
         LATERAL (SELECT random() AS age, random() AS r_intent, random() AS r_channel, random() AS r_cust, random() AS r_cust2, random() AS r_ver,
                         random() AS r_status, random() AS r_dur, random() AS r_handoff, random() AS r_ask, random() AS r_model,
                         random() AS r_tool, random() AS r_resp, random() AS r_review, random() AS r_tok WHERE i IS NOT NULL) r`,
        [now.toISOString().replace("Z", ""), days, customers, from, to],
      );
      await client.query(
        `INSERT INTO "Conversation" (id, "workspaceId", "flowId", "flowVersionId", "customerId", channel, status, state, "startedAt", "updatedAt", "endedAt", "eventCount")
         SELECT id, $1, flow_id, flow_id || '-v' || version, customer_id, channel,
           (CASE WHEN outcome = 'escalated_resolved' THEN 'resolved' ELSE outcome END)::"ConversationStatus",
           jsonb_build_object('intent', jsonb_build_object('id', intent, 'label', intent, 'confidence', 0.5 + r_intent / 2)),
           started_at, started_at + interval '1 second' * (5 + r_dur * 600),
           CASE WHEN outcome IN ('active', 'escalated') THEN NULL
                ELSE started_at + interval '1 second' * (CASE WHEN outcome = 'escalated_resolved' THEN 300 + exp(r_dur * 9) ELSE 5 + exp(r_dur * 6.5) END) END,
           2 + floor(r_dur * 4)::int
         FROM gen`,
        [workspaceId],
      );
      // Steps: router, triage agent, (handoff) specialist agent, tool node. Durations in ms.
      await client.query(
        `INSERT INTO "Step" (id, "conversationId", turn, seq, "nodeId", "nodeKind", status, output, "startedAt", "endedAt")
         SELECT g.id || ':' || s.seq, g.id, 1, s.seq, s.node, s.kind,
           (CASE WHEN g.outcome = 'failed' AND s.last THEN 'failed' ELSE 'completed' END)::"StepStatus",
           s.output, g.started_at + s.at * interval '1 millisecond', g.started_at + (s.at + s.dur) * interval '1 millisecond'
         FROM gen g, LATERAL (VALUES
           (1, 'router', 'router', '{"decision":{"strategy":"classifier"}}'::jsonb, 0.0, 2 + g.r_model * 25, false),
           (2, 'agent_triage', 'agent', jsonb_build_object('handoff', jsonb_build_object('known', '[]'::jsonb, 'extracted', '["order_number"]'::jsonb, 'askedFor', NULL)), 30.0, 150 + exp(g.r_tok * 7.5), g.r_handoff >= 0.4),
           (3, 'agent_specialist', 'agent', jsonb_build_object('handoff', jsonb_build_object('known', '["order_number"]'::jsonb, 'extracted', '[]'::jsonb,
              'askedFor', CASE WHEN g.r_ask < 0.12 THEN 'order_number' END)), 4000.0, 200 + exp(g.r_dur * 8), false),
           (4, 'tool_lookup', 'tool', '{}'::jsonb, 9000.0, 20 + exp(g.r_tool * 6.5), true)
         ) AS s(seq, node, kind, output, at, dur, last)
         WHERE s.seq <> 3 OR g.r_handoff < 0.4`,
      );
      // Spans: one or two llm calls and one or two tool calls per conversation.
      await client.query(
        `INSERT INTO "Span" (id, "workspaceId", "conversationId", "stepId", kind, name, status, "startedAt", "durationMs", "tokensIn", "tokensOut", "costUsd", attributes)
         SELECT g.id || ':sp' || s.k, $1, g.id, g.id || ':' || s.step, s.kind,
           CASE WHEN s.kind = 'llm' THEN ${models}[s.m] ELSE 'lookup_account' END,
           CASE WHEN s.kind = 'tool' AND g.r_tool < 0.06 THEN 'error' WHEN s.kind = 'llm' AND g.r_tok < 0.01 THEN 'error' ELSE 'ok' END,
           g.started_at + s.k * interval '1 second', s.dur,
           CASE WHEN s.kind = 'llm' THEN s.tin END, CASE WHEN s.kind = 'llm' THEN s.tout END,
           CASE WHEN s.kind = 'llm' THEN s.tin * ${inCost}[s.m] + s.tout * ${outCost}[s.m] END,
           CASE WHEN s.kind = 'llm' THEN jsonb_build_object('provider', 'bench') END
         FROM gen g, LATERAL (VALUES
           (1, 'llm', 2, 1 + floor(g.r_model * 3)::int, 300 + exp(g.r_tok * 7.8), (400 + g.r_tok * 2500)::int, (40 + g.r_dur * 300)::int),
           (2, 'tool', 4, 1, 15 + exp(g.r_tool * 6), 0, 0),
           (3, 'llm', 3, 1 + floor(g.r_resp * 3)::int, 250 + exp(g.r_resp * 7.5), (600 + g.r_resp * 3000)::int, (60 + g.r_tok * 250)::int),
           (4, 'tool', 3, 1, 10 + exp(g.r_resp * 5.5), 0, 0)
         ) AS s(k, kind, step, m, dur, tin, tout)
         WHERE s.k <= 2 OR g.r_handoff < 0.4`,
        [workspaceId],
      );
      await client.query(
        `INSERT INTO "Escalation" (id, "workspaceId", "conversationId", status, reason, priority, "slaDueAt", "createdAt", "claimedAt", "firstResponseAt", "slaBreachedAt", "resolvedAt")
         SELECT 'be' || g.i, $1, g.id,
           (CASE WHEN g.outcome = 'escalated_resolved' THEN 'resolved' WHEN g.r_resp < 0.3 THEN 'open' ELSE 'claimed' END)::"EscalationStatus",
           CASE WHEN g.r_intent < 0.3 THEN 'customer asked for a person' WHEN g.r_intent < 0.6 THEN 'low confidence' ELSE 'policy' END,
           1 + floor(g.r_ask * 3)::int,
           e.created + interval '15 minutes', e.created,
           CASE WHEN g.outcome = 'escalated_resolved' OR g.r_resp >= 0.3 THEN e.created + e.response * 0.8 END,
           CASE WHEN g.outcome = 'escalated_resolved' OR g.r_resp >= 0.3 THEN e.created + e.response END,
           CASE WHEN e.response > interval '15 minutes' OR (g.outcome = 'escalated' AND g.r_resp < 0.3 AND e.created + interval '15 minutes' < $2::timestamp)
                THEN e.created + interval '15 minutes' END,
           CASE WHEN g.outcome = 'escalated_resolved' THEN e.created + e.response + interval '5 minutes' END
         FROM gen g, LATERAL (SELECT g.started_at + interval '20 seconds' AS created, interval '1 second' * (10 + exp(g.r_resp * 7.3)) AS response) e
         WHERE g.outcome IN ('escalated', 'escalated_resolved')`,
        [workspaceId, now.toISOString().replace("Z", "")],
      );
      await client.query(
        `INSERT INTO "RoutingReview" (id, "workspaceId", "conversationId", "stepId", "nodeId", "flowId", "flowVersionId", channel, predicted, expected, verdict, "reviewerId", "createdAt", "updatedAt")
         SELECT 'br' || g.i, $1, g.id, g.id || ':1', 'router', g.flow_id, g.flow_id || '-v' || g.version, g.channel, g.intent,
           CASE WHEN g.r_ask < 0.12 THEN 'complaint' END, (CASE WHEN g.r_ask < 0.12 THEN 'incorrect' ELSE 'correct' END)::"RoutingVerdict",
           'bench-reviewer', g.started_at + interval '1 hour', g.started_at + interval '1 hour'
         FROM gen g WHERE g.r_review < 0.01`,
        [workspaceId],
      );
      await client.query("COMMIT");
      log(`  generated ${to - offset}/${n} conversations (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    await client.query(`ANALYZE`);
    return { workspaceId, ms: performance.now() - started };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("Set DATABASE_URL to a migrated database.");
    process.exit(2);
  }
  const conversations = Number(arg("conversations") ?? 1_000_000);
  const result = await generateConversations(url, { conversations, days: Number(arg("days") ?? 90), log: console.log });
  console.log(
    `generated ${conversations} conversations in workspace ${result.workspaceId} in ${(result.ms / 1000).toFixed(1)} s`,
  );
}
