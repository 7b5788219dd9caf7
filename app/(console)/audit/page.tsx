import type { Metadata } from "next";
import Link from "next/link";
import { ScrollText } from "lucide-react";
import { AuditEntryRows } from "@/components/audit/audit-entry-rows";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBar, FilterInput, FilterSelect } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Th, THead } from "@/components/ui/table";
import { requirePageMember } from "@/app/_server/page-member";
import { ACTOR_TYPES, enumParam, param } from "@/lib/console/filters";
import { AUDIT_PAGE_SIZE, listAuditActions, listAuditEntries } from "@/lib/console/list-audit-entries";

export const metadata: Metadata = { title: "Audit" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ACTOR_LABELS: Record<string, string> = { user: "User", api_key: "API key", agent: "Agent (flow)", customer: "Customer", system: "System" };

/** Where a resource can be looked at in the console, when there is such a page. */
function resourceHref(resourceType: string, resourceId: string | null): string | null {
  if (!resourceId) return null;
  // A routing decision's resource id is its conversation.
  if (resourceType === "conversation" || resourceType === "routing_decision") return `/conversations/${resourceId}`;
  if (resourceType === "membership") return "/settings";
  return null;
}

export default async function AuditPage({ searchParams }: Props) {
  const params = await searchParams;
  const actionPrefix = param(params, "action")?.slice(0, 100);
  const actorType = enumParam(params, "actor", ACTOR_TYPES);
  const beforeRaw = param(params, "before");
  const before = beforeRaw && /^\d{1,19}$/.test(beforeRaw) ? BigInt(beforeRaw) : undefined;
  const filterQuery = new URLSearchParams({ ...(actionPrefix ? { action: actionPrefix } : {}), ...(actorType ? { actor: actorType } : {}) });
  const selfQuery = new URLSearchParams(filterQuery);
  if (before !== undefined) selfQuery.set("before", before.toString());
  const member = await requirePageMember("audit.read", `/audit${selfQuery.size ? `?${selfQuery}` : ""}`);

  const [{ rows, nextCursor }, actions] = await Promise.all([
    listAuditEntries({ workspaceId: member.workspaceId, actionPrefix, actorType, before }),
    listAuditActions(member.workspaceId),
  ]);
  const filtered = !!(actionPrefix || actorType);
  const olderQuery = new URLSearchParams(filterQuery);
  if (nextCursor) olderQuery.set("before", nextCursor);
  const firstPageHref = `/audit${filterQuery.size ? `?${filterQuery}` : ""}`;
  // Suggest both the dotted prefixes ("member.") and the full action names.
  const suggestions = [...new Set([...actions.map((a) => `${a.split(".")[0]}.`), ...actions])].sort();

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change, sign-in, routing decision and escalation in this workspace, newest first. Entries are append-only and hash-chained: each one's hash covers the previous one, so an edited or deleted entry breaks the chain."
      />
      <FilterBar action="/audit" resetHref="/audit" active={filtered}>
        <FilterInput name="action" label="Action starts with" defaultValue={actionPrefix} placeholder="e.g. member. or flow.published" list="audit-actions" suggestions={suggestions} />
        <FilterSelect
          name="actor"
          label="Actor type"
          allLabel="All actors"
          defaultValue={actorType}
          options={ACTOR_TYPES.map((t) => ({ value: t, label: ACTOR_LABELS[t] }))}
        />
      </FilterBar>

      {rows.length === 0 ? (
        <EmptyState icon={ScrollText} title={filtered || before ? "No audit entries match" : "No audit entries yet"}>
          {filtered || before
            ? "Nothing recorded matches this action prefix and actor type. Clear the filters to see every entry."
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
                    resourceHref: resourceHref(row.resourceType, row.resourceId),
                  }}
                />
              ))}
            </TBody>
          </Table>
          <nav aria-label="Audit pages" className="mt-4 flex items-center justify-between">
            <p className="text-xs text-slate-500">
              {rows.length} {rows.length === 1 ? "entry" : "entries"} on this page{before !== undefined ? ` (older than #${before})` : ""}.
            </p>
            <div className="flex gap-2">
              {before !== undefined ? (
                <Link href={firstPageHref} className={buttonClass("secondary", "sm")}>
                  Newest
                </Link>
              ) : null}
              {nextCursor ? (
                <Link href={`/audit?${olderQuery}`} className={buttonClass("secondary", "sm")} data-testid="audit-older">
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
