import type { Metadata } from "next";
import Link from "next/link";
import { Download, ScrollText } from "lucide-react";
import { AuditEntryRows } from "@/components/audit/audit-entry-rows";
import { VerifyChainPanel } from "@/components/audit/verify-chain-panel";
import { buttonClass, inputClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBar, FilterInput, FilterSelect } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Th, THead } from "@/components/ui/table";
import { requirePageMember } from "@/app/_server/page-member";
import {
  AUDIT_RESOURCE_TYPES,
  auditFilterQuery,
  isFiltered,
  parseAuditFilter,
} from "@/lib/features/audit/audit-filter";
import { ACTOR_TYPES, param } from "@/lib/features/list-filters";
import { AUDIT_PAGE_SIZE, listAuditActions, listAuditEntries } from "@/lib/features/audit/list-audit-entries";
import { resolveAuditResources } from "@/lib/features/audit/resolve-resources";

export const metadata: Metadata = { title: "Audit" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ACTOR_LABELS: Record<string, string> = {
  user: "User",
  api_key: "API key",
  agent: "Agent (flow)",
  customer: "Customer",
  system: "System",
};

export default async function AuditPage({ searchParams }: Props) {
  const params = await searchParams;
  const filter = parseAuditFilter(params);
  const beforeRaw = param(params, "before");
  const before = beforeRaw && /^\d{1,19}$/.test(beforeRaw) ? BigInt(beforeRaw) : undefined;
  const filterQuery = auditFilterQuery(filter);
  const selfQuery = new URLSearchParams(filterQuery);
  if (before !== undefined) selfQuery.set("before", before.toString());
  const member = await requirePageMember("audit.read", `/audit${selfQuery.size ? `?${selfQuery}` : ""}`);

  const [{ rows, nextCursor }, actions] = await Promise.all([
    listAuditEntries({ workspaceId: member.workspaceId, filter, before }),
    listAuditActions(member.workspaceId),
  ]);
  const resolved = await resolveAuditResources(member.workspaceId, rows);
  const filtered = isFiltered(filter);
  const olderQuery = new URLSearchParams(filterQuery);
  if (nextCursor) olderQuery.set("before", nextCursor);
  const firstPageHref = `/audit${filterQuery.size ? `?${filterQuery}` : ""}`;
  const exportHref = (format: "csv" | "json") =>
    `/api/console/audit/export?${new URLSearchParams([["format", format], ...filterQuery])}`;
  // Suggest both the dotted prefixes ("member.") and the full action names.
  const suggestions = [...new Set([...actions.map((a) => `${a.split(".")[0]}.`), ...actions])].sort();
  const isoDay = (d?: Date) => d?.toISOString().slice(0, 10);

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change, sign-in, routing decision and escalation in this workspace, newest first. Entries are append-only and hash-chained: each one's hash covers the previous one, so an edited or deleted entry breaks the chain."
        actions={
          <>
            <a
              href={exportHref("csv")}
              download
              className={buttonClass("secondary", "md")}
              data-testid="audit-export-csv"
            >
              <Download aria-hidden className="size-4" />
              Export CSV
            </a>
            <a
              href={exportHref("json")}
              download
              className={buttonClass("secondary", "md")}
              data-testid="audit-export-json"
            >
              <Download aria-hidden className="size-4" />
              Export JSON
            </a>
          </>
        }
      />
      <VerifyChainPanel />
      <FilterBar action="/audit" resetHref="/audit" active={filtered}>
        <FilterInput name="q" label="Search" defaultValue={filter.q} placeholder="actor, action, resource, details…" />
        <FilterInput
          name="action"
          label="Action starts with"
          defaultValue={filter.actionPrefix}
          placeholder="e.g. member. or flow.published"
          list="audit-actions"
          suggestions={suggestions}
        />
        <FilterSelect
          name="actor"
          label="Actor type"
          allLabel="All actors"
          defaultValue={filter.actorType}
          options={ACTOR_TYPES.map((t) => ({ value: t, label: ACTOR_LABELS[t] }))}
        />
        <FilterSelect
          name="resource"
          label="Resource type"
          allLabel="All resources"
          defaultValue={filter.resourceType}
          options={AUDIT_RESOURCE_TYPES.map((t) => ({ value: t, label: t.replace(/_/g, " ") }))}
        />
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          From (UTC)
          <input type="date" name="from" defaultValue={isoDay(filter.from)} className={`${inputClass} w-40`} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          To (UTC, inclusive)
          <input
            type="date"
            name="to"
            defaultValue={filterQuery.get("to") ?? undefined}
            className={`${inputClass} w-40`}
          />
        </label>
      </FilterBar>

      {rows.length === 0 ? (
        <EmptyState icon={ScrollText} title={filtered || before ? "No audit entries match" : "No audit entries yet"}>
          {filtered || before
            ? "Nothing recorded matches this search and these filters. Clear the filters to see every entry."
            : "Entries are written as people sign in and change things, and as flows route and escalate conversations. They will appear here as soon as anything happens."}
        </EmptyState>
      ) : (
        <>
          <Table caption={`Audit entries, newest first, ${AUDIT_PAGE_SIZE} per page`}>
            <THead>
              <Th>Time</Th>
              <Th>Actor</Th>
              <Th>Action</Th>
              <Th>Resource</Th>
              <Th srOnly>Details</Th>
            </THead>
            <TBody>
              {rows.map((row) => (
                <AuditEntryRows
                  key={row.id}
                  entry={{
                    ...row,
                    at: row.at.toISOString(),
                    resourceName: resolved.get(row.id)?.name ?? null,
                    resourceDeleted: resolved.get(row.id)?.deleted ?? false,
                    links: resolved.get(row.id)?.links ?? [],
                  }}
                />
              ))}
            </TBody>
          </Table>
          <nav aria-label="Audit pages" className="mt-4 flex items-center justify-between">
            <p className="text-xs text-slate-500">
              {rows.length} {rows.length === 1 ? "entry" : "entries"} on this page
              {before !== undefined ? ` (older than #${before})` : ""}.
            </p>
            <div className="flex gap-2">
              {before !== undefined ? (
                <Link href={firstPageHref} className={buttonClass("secondary", "sm")}>
                  Newest
                </Link>
              ) : null}
              {nextCursor ? (
                <Link
                  href={`/audit?${olderQuery}`}
                  className={buttonClass("secondary", "sm")}
                  data-testid="audit-older"
                >
                  Older entries
                </Link>
              ) : (
                <span className="text-xs text-slate-500">This is the oldest entry.</span>
              )}
            </div>
          </nav>
        </>
      )}
    </>
  );
}
