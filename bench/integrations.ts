/**
 * Integrations benchmark (issue 8): what the protocols around the engine cost, on the Retail demo.
 *
 *   npm run bench:integrations      (= npx tsx --conditions=react-server bench/integrations.ts)
 *
 * In-process like bench/simulated-load.ts (no Next server, no browser): a throw-away embedded Postgres, migrated and
 * seeded with the demo, one in-process engine worker, an API key made with createApiKey (rate limit raised so it never
 * throttles, and the per-address and per-conversation limits off), and the retail flow republished with its tools' per-minute limits raised (the demo allows lookup_order
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
import { randomBytes } from "node:crypto";
import { fmt } from "@/bench/support/format";
import { startInProcessEngine } from "@/bench/support/in-process-engine";
import { ENGINE_CONCURRENCY, OTEL_VARS, PARTS } from "@/bench/integrations/config";
import { measureOtel } from "@/bench/integrations/otel";
import { measureProtocols } from "@/bench/integrations/protocols";
import { load } from "@/bench/integrations/report";
import { prepare } from "@/bench/integrations/setup";
import { measureWebhooks } from "@/bench/integrations/webhooks";

// ---- main ----

async function main() {
  console.log(`Integrations benchmark · ${load()}`);
  // The receivers listen on 127.0.0.1, which the SSRF guard allows only when allowlisted (as a developer would).
  process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST = "127.0.0.1";
  // Every protocol client runs here, on one address: the API's per-address and per-conversation limits are off.
  process.env.API_REQUESTS_PER_ADDRESS = "0";
  process.env.API_MESSAGES_PER_CONVERSATION = "0";
  for (const name of OTEL_VARS) delete process.env[name];
  // Webhook signing secrets are stored encrypted: a throw-away key for the throw-away database (`npm start` sets one).
  process.env.SWITCHBOARD_SECRETS_KEY ??= randomBytes(32).toString("hex");
  const engine = await startInProcessEngine({ name: "integrations", engineConcurrency: ENGINE_CONCURRENCY });
  console.log(`Migrated and seeded the demo in ${fmt(engine.seedMs / 1000)} s.`);

  try {
    const bench = await prepare(engine);
    if (PARTS.has("protocols")) await measureProtocols(bench);
    if (PARTS.has("webhooks")) await measureWebhooks(bench);
    if (PARTS.has("otel")) await measureOtel(bench);

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
