// Part 3 of bench/integrations.ts: the cost of the OpenTelemetry export, the same workload with the OTLP endpoint set
// (a local receiver) and unset, in alternating blocks; spans received against expected.
import { fmt } from "@/bench/support/format";
import { quantile } from "@/bench/support/in-process-engine";
import { sleep } from "@/bench/support/sleep";
import { FIRST, FLOW, FOLLOW_UP, OTEL_BLOCK, OTEL_CONCURRENCY, OTEL_TURNS } from "./config";
import { load, ratio, table } from "./report";
import { type Bench } from "./setup";

export async function measureOtel({ engine, db, workspace, startConversation, sendCustomerMessage, customer }: Bench) {
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
