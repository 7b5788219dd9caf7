import "server-only";
import { auditLog, type AuditActor } from "@/lib/platform/audit/audit-log";
import { describeAuditFilter, type AuditFilter } from "@/lib/features/audit/audit-filter";
import { listAuditEntries } from "@/lib/features/audit/list-audit-entries";
import { csvChunk, jsonChunk, type ExportFormat } from "./export-format";

const BATCH = 1_000;

/**
 * A workspace's entries under a filter, newest first, as a stream of text: one batch in memory at a time. The
 * export is audited when the stream ends, with the filter and the number of rows it actually delivered.
 */
export function exportAuditEntries(options: {
  workspaceId: string;
  filter: AuditFilter;
  format: ExportFormat;
  actor: AuditActor;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: bigint | undefined;
  let rowCount = 0;
  let started = false;
  let done = false;

  const record = (complete: boolean) =>
    auditLog({
      workspaceId: options.workspaceId,
      actor: options.actor,
      action: "audit.exported",
      resourceType: "audit_log",
      after: { format: options.format, filter: describeAuditFilter(options.filter), rowCount, complete },
    });

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        // Ids of the page, then the rows; read through Prisma so JSON and dates match what the page shows.
        const { rows, nextCursor } = await listAuditEntries({
          workspaceId: options.workspaceId,
          filter: options.filter,
          before: cursor,
          limit: BATCH,
        });
        const entries = rows.map((row) => ({ ...row, workspaceId: options.workspaceId }));
        let text = "";
        if (options.format === "csv") text = csvChunk(entries, !started);
        else text = `${started ? "" : "[\n"}${jsonChunk(entries, !started)}${nextCursor ? "" : "\n]\n"}`;
        started = true;
        rowCount += entries.length;
        if (text) controller.enqueue(encoder.encode(text));
        if (!nextCursor) {
          done = true;
          await record(true);
          controller.close();
        } else {
          cursor = BigInt(nextCursor);
        }
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      if (!done) await record(false).catch(() => {});
    },
  });
}
