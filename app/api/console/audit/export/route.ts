import { consoleRoute } from "@/lib/features/console-route";
import { exportAuditEntries } from "@/lib/features/audit/export-audit-entries";
import { parseAuditFilter } from "@/lib/features/audit/audit-filter";
import { exportFileName, type ExportFormat } from "@/lib/features/audit/export-format";

export const dynamic = "force-dynamic";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

// GET /api/console/audit/export?format=csv|json&q=…&action=…&actor=…&resource=…&from=…&to=… → a download of the
// workspace's audit entries under the same filter as the Audit page, streamed.
export async function GET(request: Request) {
  return consoleRoute("audit.read", "audit-export", async (member) => {
    const params = new URL(request.url).searchParams;
    const format: ExportFormat = params.get("format") === "csv" ? "csv" : "json";
    const body = exportAuditEntries({
      workspaceId: member.workspaceId,
      filter: parseAuditFilter(params),
      format,
      actor: { type: "user", id: member.userId, label: member.email },
    });
    return new Response(body, {
      headers: {
        "Content-Type": CONTENT_TYPES[format],
        "Content-Disposition": `attachment; filename="${exportFileName(format, new Date())}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
