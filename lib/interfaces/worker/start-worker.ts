// The worker: every job Switchboard runs in the background, on the supervised queue. Conversation events and SLA
// timers (the engine), customer-memory retention, KPI roll-ups, evaluation runs, webhook deliveries, outgoing mail,
// and the OpenTelemetry export of each finished turn. It sits at the top because it composes all the layers below
// it; the web server runs it in-process on the embedded default, `npm run worker` runs it alone for scale-out.
import "server-only";
import type { TaskList } from "graphile-worker";
import { deliverMail } from "@/lib/platform/mail/deliver-mail";
import { SEND_MAIL_TASK } from "@/lib/platform/mail/outbox";
import { patientlyThroughOutages, startQueueRunner, type QueueRunner } from "@/lib/platform/queue/queue-runner";
import { EVENT_TASK, SLA_TASK } from "@/lib/runtime/engine/events";
import { writeMetricsFile } from "@/lib/runtime/engine/run/metrics";
import { processEvent } from "@/lib/runtime/engine/run/run-event";
import { checkEscalationSla } from "@/lib/runtime/engine/run/sla";
import { MEMORY_RETENTION_CRON, MEMORY_RETENTION_TASK, memoryRetentionTask } from "@/lib/runtime/memory/retention-task";
import { closeMcpClients } from "@/lib/runtime/tools/mcp-client-pool";
import { WEBHOOK_DELIVERY_TASK } from "@/lib/runtime/webhooks/event-types";
import { KPI_ROLLUP_CRON, KPI_ROLLUP_TASK, kpiRollupTask } from "@/lib/features/dashboard/rollup-task";
import { EVAL_RUN_TASK, evalRunTask } from "@/lib/features/evals/run-suite";
import { exportFinishedTurns, flushTelemetry } from "@/lib/interfaces/otel/export-event-trace";
import { turnFinished } from "@/lib/runtime/engine/run/turn-finished";
import { deliverWebhook } from "@/lib/interfaces/webhooks/delivery-task";

export type EngineWorker = QueueRunner;

const taskList: TaskList = {
  async [EVENT_TASK](payload, helpers) {
    const { eventId } = payload as { eventId: string };
    try {
      await patientlyThroughOutages(() =>
        processEvent(eventId, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts }),
      );
    } finally {
      turnFinished(eventId); // OTLP export when configured: fire-and-forget, skips an event not finished yet
    }
  },
  async [SLA_TASK](payload) {
    await patientlyThroughOutages(() => checkEscalationSla((payload as { escalationId: string }).escalationId));
  },
  [MEMORY_RETENTION_TASK]: memoryRetentionTask, // daily purge of expired customer memory (cron: MEMORY_RETENTION_CRON)
  [KPI_ROLLUP_TASK]: kpiRollupTask, // KPI roll-ups, every minute (cron: KPI_ROLLUP_CRON)
  [EVAL_RUN_TASK]: evalRunTask, // an evaluation suite's run (lib/features/evals/run-suite.ts)
  async [WEBHOOK_DELIVERY_TASK](payload) {
    // One webhook delivery attempt; it schedules its own retries.
    await patientlyThroughOutages(() => deliverWebhook((payload as { deliveryId: string }).deliveryId).then(() => {}));
  },
  async [SEND_MAIL_TASK](payload, helpers) {
    // One attempt at a queued mail; a thrown attempt is retried by graphile-worker up to MAIL_MAX_ATTEMPTS.
    const { mailId } = payload as { mailId: string };
    const attempt = { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts };
    await patientlyThroughOutages(() => deliverMail(mailId, attempt).then(() => {}));
  },
};

export function startEngineWorker(
  options: { connectionString?: string; concurrency?: number } = {},
): Promise<EngineWorker> {
  exportFinishedTurns();
  return startQueueRunner({
    ...options,
    taskList,
    cron: [...MEMORY_RETENTION_CRON, ...KPI_ROLLUP_CRON],
    onTick: writeMetricsFile,
    async onStop() {
      await closeMcpClients().catch(() => {});
      await flushTelemetry({ timeoutMs: 5000 }); // the last turns' traces, when OTLP export is on
      writeMetricsFile();
    },
  });
}
