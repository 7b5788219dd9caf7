// Part 2 of bench/integrations.ts: webhook delivery from the commit to the verified request at a local receiver, one
// at a time, as a stream and as a backlog, plus the delivery log's view.
import { fmt } from "@/bench/support/format";
import { quantile } from "@/bench/support/in-process-engine";
import { sleep } from "@/bench/support/sleep";
import {
  ENGINE_CONCURRENCY,
  FLOW,
  WEBHOOK_BACKLOG,
  WEBHOOK_CONCURRENCY,
  WEBHOOK_EVENTS,
  WEBHOOK_TRICKLE,
} from "./config";
import { load, table } from "./report";
import { type Bench } from "./setup";

export async function measureWebhooks({ engine, db, workspace, startConversation }: Bench) {
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
          const timer = setTimeout(() => reject(new Error(`no webhook for ${id} within ${timeoutMs} ms`)), timeoutMs);
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
