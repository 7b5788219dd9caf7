"use server";
// Verifying the audit chain: read-only, but recorded (audit.verified) like everything an auditor does.
import { z } from "zod";
import { defineAction } from "@/lib/features/define-action";
import { chainReport } from "@/lib/platform/audit/chain-check";
import { verifyAuditChain } from "@/lib/platform/audit/verify-chain";

export const verifyAuditChainAction = defineAction({
  permission: "audit.read",
  schema: z.object({}),
  // A walk over millions of entries takes a while; it reads outside the transaction, which only writes the record.
  timeoutMs: 15 * 60_000,
  handler: async (_input, { member }) => {
    const report = chainReport(await verifyAuditChain({ workspaceId: member.workspaceId }), member.workspaceId);
    return {
      data: report,
      audit: {
        action: "audit.verified",
        resourceType: "audit_log",
        resourceId: report.intact ? report.lastEntryId : report.entryId,
        after: report.intact
          ? { intact: true, checked: report.checked }
          : {
              intact: false,
              checked: report.checked,
              kind: report.kind,
              entryId: report.entryId,
              inWorkspace: report.inWorkspace,
            },
      },
    };
  },
});
