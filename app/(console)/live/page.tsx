import type { Metadata } from "next";
import Link from "next/link";
import { Radio } from "lucide-react";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ConversationStatusBadge } from "@/components/ui/status-badges";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { linkClass } from "@/components/ui/button";
import { truncate } from "@/components/ui/format";
import { requirePageMember } from "@/app/_server/page-member";
import { CONVERSATION_STATUSES, enumParam, slugParam } from "@/lib/console/filters";
import { listConversations, LIVE_PAGE_SIZE } from "@/lib/console/list-conversations";
import { listFlowOptions } from "@/lib/console/list-flows";

export const metadata: Metadata = { title: "Live" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ROLE_LABEL: Record<string, string> = { customer: "Customer", agent: "Agent", operator: "Operator", system: "System" };

export default async function LivePage({ searchParams }: Props) {
  const params = await searchParams;
  const status = enumParam(params, "status", CONVERSATION_STATUSES);
  const flowSlug = slugParam(params, "flow");
  const query = new URLSearchParams({ ...(status ? { status } : {}), ...(flowSlug ? { flow: flowSlug } : {}) }).toString();
  const member = await requirePageMember("conversation.read", `/live${query ? `?${query}` : ""}`);
  const [{ rows, total }, flows] = await Promise.all([
    listConversations({ workspaceId: member.workspaceId, status, flowSlug }),
    listFlowOptions(member.workspaceId),
  ]);
  const filtered = !!(status || flowSlug);
  const firstPublished = flows[0];

  return (
    <>
      <PageHeader
        title="Live conversations"
        description="Every conversation in this workspace, the most recent activity first. Open one to read its transcript and the steps the flow took."
        actions={<AutoRefresh intervalMs={3000} />}
      />
      <FilterBar action="/live" resetHref="/live" active={filtered}>
        <FilterSelect
          name="status"
          label="Status"
          allLabel="All statuses"
          defaultValue={status}
          options={CONVERSATION_STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) }))}
        />
        <FilterSelect name="flow" label="Flow" allLabel="All flows" defaultValue={flowSlug} options={flows.map((f) => ({ value: f.slug, label: f.name }))} />
      </FilterBar>

      {rows.length === 0 ? (
        filtered ? (
          <EmptyState icon={Radio} title="No conversations match these filters">
            Conversations with this status or flow will appear here as soon as there are any. Clear the filters to see all of them.
          </EmptyState>
        ) : (
          <EmptyState
            icon={Radio}
            title="No conversations yet"
            action={
              firstPublished ? (
                <a href={`/chat/${member.workspaceSlug}/${firstPublished.slug}`} target="_blank" rel="noopener" className={linkClass}>
                  Open the {firstPublished.name} chat
                </a>
              ) : undefined
            }
          >
            A conversation appears here, live, as soon as a customer writes to one of your flows. Open a flow’s chat page and send a
            message to try it.
          </EmptyState>
        )
      ) : (
        <>
          <Table caption="Conversations, most recent activity first">
            <THead>
              <Th>Started</Th>
              <Th>Flow</Th>
              <Th>Channel</Th>
              <Th>Status</Th>
              <Th>Last messages</Th>
              <Th className="text-right">Messages</Th>
            </THead>
            <TBody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="conversation-row" data-id={row.id} data-status={row.status} className="relative hover:bg-slate-50">
                  <Td className="whitespace-nowrap">
                    <Link href={`/conversations/${row.id}`} className={`${linkClass} after:absolute after:inset-0`}>
                      <Time value={row.startedAt} />
                    </Link>
                    <div className="text-xs text-slate-500">
                      active <Time value={row.updatedAt} mode="relative" />
                    </div>
                  </Td>
                  <Td>
                    <div className="text-slate-800">{row.flow.name}</div>
                    <div className="text-xs text-slate-500">v{row.versionNumber}</div>
                  </Td>
                  <Td>{row.channel}</Td>
                  <Td>
                    <ConversationStatusBadge status={row.status} />
                  </Td>
                  <Td className="max-w-sm">
                    {row.lastCustomerMessage ? (
                      <div className="text-slate-700">
                        <span className="font-medium">Customer:</span> {truncate(row.lastCustomerMessage.text, 100)}
                      </div>
                    ) : null}
                    {row.lastMessage && row.lastMessage.role !== "customer" ? (
                      <div className={row.lastCustomerMessage ? "mt-0.5 text-xs text-slate-500" : "text-slate-600"}>
                        <span className="font-medium">{ROLE_LABEL[row.lastMessage.role] ?? row.lastMessage.role}:</span>{" "}
                        {truncate(row.lastMessage.text, row.lastCustomerMessage ? 80 : 100)}
                      </div>
                    ) : null}
                    {!row.lastMessage ? <span className="text-slate-400">no messages</span> : null}
                  </Td>
                  <Td className="text-right tabular-nums">{row.messageCount}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
          <p className="mt-3 text-xs text-slate-500">
            {total > rows.length
              ? `Showing the ${LIVE_PAGE_SIZE} most recently active of ${total} conversations. Filter by status or flow to narrow it down.`
              : `${total} ${total === 1 ? "conversation" : "conversations"}.`}
          </p>
        </>
      )}
    </>
  );
}
