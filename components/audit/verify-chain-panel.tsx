"use client";
// "Verify chain": walks the whole hash chain on the server and says either how many entries are intact or exactly
// where it breaks, with a link to that entry in the list (when it belongs to this workspace).
import { CheckCircle2, ShieldAlert, ShieldCheck } from "lucide-react";
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { verifyAuditChainAction } from "@/lib/features/audit/actions";
import { buttonClass } from "@/components/ui/button";
import type { ChainReport } from "@/lib/platform/audit/chain-check";

/** The list page that starts with this entry, scrolled to it. */
export function auditEntryHref(entryId: string): string {
  return `/audit?before=${(BigInt(entryId) + BigInt(1)).toString()}#entry-${entryId}`;
}

const KIND_LABEL: Record<Extract<ChainReport, { intact: false }>["kind"], string> = {
  content: "Content changed",
  link: "Link broken",
  start: "Chain start wrong",
};

export function VerifyChainPanel() {
  const [report, setReport] = useState<ChainReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const resultRef = useRef<HTMLDivElement>(null);
  const router = useRouter();

  const verify = () => {
    setError(null);
    startTransition(async () => {
      const result = await verifyAuditChainAction({});
      if (!result.ok) setError(result.message);
      else setReport(result.data);
      // The verification is itself an audit entry: show it in the list.
      router.refresh();
      requestAnimationFrame(() => resultRef.current?.focus());
    });
  };

  return (
    <div className="mb-4 space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={verify}
          disabled={pending}
          className={buttonClass("primary", "md")}
          data-testid="audit-verify"
        >
          <ShieldCheck aria-hidden className="size-4" />
          {pending ? "Verifying…" : "Verify chain"}
        </button>
        <p className="text-xs text-slate-500">
          Recomputes every entry&apos;s hash (all workspaces share one chain) and reports the first break.
        </p>
      </div>
      <div
        ref={resultRef}
        tabIndex={-1}
        role="status"
        aria-live="polite"
        className="outline-none"
        data-testid="audit-verify-result"
      >
        {error ? (
          <p className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">{error}</p>
        ) : null}
        {report?.intact ? (
          <p
            className="flex items-center gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
            data-intact="true"
          >
            <CheckCircle2 aria-hidden className="size-4 shrink-0" />
            {report.message}
          </p>
        ) : null}
        {report && !report.intact ? (
          <div
            className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900"
            data-intact="false"
            data-entry-id={report.entryId}
            data-kind={report.kind}
          >
            <p className="flex items-center gap-2 font-semibold">
              <ShieldAlert aria-hidden className="size-4 shrink-0" />
              {KIND_LABEL[report.kind]} at{" "}
              {report.inWorkspace
                ? `entry #${report.entryId}`
                : `an entry outside this workspace, id ${report.entryId}`}
            </p>
            <p className="mt-1">{report.message}</p>
            {report.inWorkspace && report.expectedHash && report.foundHash ? (
              <dl className="mt-2 grid gap-x-3 gap-y-0.5 text-xs sm:grid-cols-[8rem_1fr]">
                <dt>{report.kind === "content" ? "Recomputed hash" : "Expected link"}</dt>
                <dd className="break-all font-mono">{report.expectedHash}</dd>
                <dt>{report.kind === "content" ? "Stored hash" : "Stored link"}</dt>
                <dd className="break-all font-mono">{report.foundHash}</dd>
              </dl>
            ) : null}
            {report.inWorkspace ? (
              <a
                href={auditEntryHref(report.entryId)}
                className="mt-2 inline-block font-medium text-rose-800 underline"
                data-testid="audit-break-link"
              >
                Show entry #{report.entryId} in the list
              </a>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
