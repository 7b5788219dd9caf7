import type { Metadata } from "next";
import Link from "next/link";
import { Users } from "lucide-react";
import { RetentionForm } from "@/components/customers/retention-form";
import { buttonClass, linkClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBar, FilterInput } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { getMemoryRetentionDays } from "@/lib/features/customers/get-customer-memory";
import { param } from "@/lib/features/list-filters";
import { listCustomers } from "@/lib/features/customers/list-customers";

export const metadata: Metadata = { title: "Customers" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CustomersPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = param(params, "q")?.slice(0, 100);
  const pageRaw = Number(param(params, "page") ?? "1");
  const requested = Number.isInteger(pageRaw) && pageRaw > 0 ? pageRaw : 1;
  const selfQuery = new URLSearchParams({ ...(q ? { q } : {}), ...(requested > 1 ? { page: String(requested) } : {}) });
  const member = await requirePageMember("customer.read", `/customers${selfQuery.size ? `?${selfQuery}` : ""}`);

  const [{ rows, total, page, pageCount, pageSize }, retentionDays] = await Promise.all([
    listCustomers({ workspaceId: member.workspaceId, query: q, page: requested }),
    getMemoryRetentionDays(member.workspaceId),
  ]);
  const pageHref = (n: number) => {
    const query = new URLSearchParams({ ...(q ? { q } : {}), ...(n > 1 ? { page: String(n) } : {}) });
    return `/customers${query.size ? `?${query}` : ""}`;
  };
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  return (
    <>
      <PageHeader
        title="Customers"
        description="The people your flows talk to, and what Switchboard remembers about them between conversations: facts agents stored and a short summary of each conversation. Personal data (cards, IBANs, e-mail addresses, phone numbers, national ids) is redacted before anything is remembered."
      />

      <Card aria-labelledby="retention-heading" className="mb-6">
        <CardHeader
          id="retention-heading"
          title="Memory retention"
          description="How long long-term memory is kept after its last update."
        />
        <RetentionForm days={retentionDays} canManage={can(member.role, "settings.manage")} />
      </Card>

      <FilterBar action="/customers" resetHref="/customers" active={!!q}>
        <FilterInput
          name="q"
          label="Search by ref, name or e-mail"
          defaultValue={q}
          placeholder="e.g. C-1001 or jane"
        />
      </FilterBar>

      {rows.length === 0 ? (
        q ? (
          <EmptyState icon={Users} title="No customers match this search">
            Nobody’s ref, name or e-mail contains “{q}”. Check the spelling, or clear the search to see every customer.
          </EmptyState>
        ) : (
          <EmptyState icon={Users} title="No customers yet">
            Customers appear here when they are added to this workspace, for example through the API or the demo data.
            Conversations without a known customer are not listed.
          </EmptyState>
        )
      ) : (
        <>
          <Table caption={`Customers, by ref, ${pageSize} per page`}>
            <THead>
              <Th>Ref</Th>
              <Th>Name</Th>
              <Th className="hidden sm:table-cell">E-mail</Th>
              <Th className="text-right">Conversations</Th>
              <Th className="hidden text-right sm:table-cell">Remembered facts</Th>
            </THead>
            <TBody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="customer-row">
                  <Td>
                    <Link href={`/customers/${row.id}`} className={`${linkClass} font-mono`}>
                      {row.ref}
                    </Link>
                  </Td>
                  <Td className="text-slate-900">
                    {row.name}
                    {/* On a phone the e-mail column is hidden; the address moves under the name. */}
                    <span className="block break-all font-mono text-xs text-slate-600 sm:hidden">{row.email}</span>
                  </Td>
                  <Td className="hidden font-mono text-xs sm:table-cell">{row.email}</Td>
                  <Td className="text-right tabular-nums">{row.conversationCount}</Td>
                  <Td className="hidden text-right tabular-nums sm:table-cell">{row.factCount}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
          <nav aria-label="Customer pages" className="mt-4 flex flex-wrap items-center justify-between gap-3">
            <p className="text-xs text-slate-500" aria-live="polite">
              {first}–{last} of {total} {total === 1 ? "customer" : "customers"} · page {page} of {pageCount}
            </p>
            <div className="flex gap-2">
              {page > 1 ? (
                <Link href={pageHref(page - 1)} className={buttonClass("secondary", "sm")} rel="prev">
                  Previous
                </Link>
              ) : null}
              {page < pageCount ? (
                <Link
                  href={pageHref(page + 1)}
                  className={buttonClass("secondary", "sm")}
                  rel="next"
                  data-testid="customers-next"
                >
                  Next
                </Link>
              ) : null}
            </div>
          </nav>
        </>
      )}
    </>
  );
}
