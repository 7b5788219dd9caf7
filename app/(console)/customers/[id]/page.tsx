import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EraseMemoryDialog } from "@/components/customers/erase-memory-dialog";
import { Section, SectionNote } from "@/components/customers/section";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { ConversationStatusBadge } from "@/components/ui/status-badges";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { CUSTOMER_CONVERSATIONS_LIMIT, getCustomerMemory } from "@/lib/features/customers/get-customer-memory";

export const metadata: Metadata = { title: "Customer" };

type Props = { params: Promise<{ id: string }> };

export default async function CustomerPage({ params }: Props) {
  const { id } = await params;
  const member = await requirePageMember("customer.read", `/customers/${id}`);
  const detail = await getCustomerMemory({ workspaceId: member.workspaceId, customerId: id });
  if (!detail) notFound();
  const { customer, facts, summaries, conversations, conversationTotal, retentionDays } = detail;

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/customers" className={linkClass}>
            Customers
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-3">
            {customer.name}
            <code className="font-mono text-sm font-normal text-slate-500">{customer.ref}</code>
            <Badge>{customer.tier}</Badge>
          </span>
        }
        description={
          <>
            <span className="font-mono">{customer.email}</span> · customer since <Time value={customer.createdAt} /> ·
            memory kept {retentionDays} days after its last update
          </>
        }
        actions={
          can(member.role, "customer.erase") ? (
            <EraseMemoryDialog customerId={customer.id} customerRef={customer.ref} />
          ) : undefined
        }
      />

      <div className="space-y-6">
        <Section
          id="facts-heading"
          title={`Remembered facts · ${facts.length}`}
          description="What agents stored about this customer, redacted of personal data. Agents recall these in later conversations."
        >
          {facts.length === 0 ? (
            <SectionNote testId="facts-empty">
              Nothing remembered. Facts appear here when a flow’s Set memory node stores a value with customer scope.
            </SectionNote>
          ) : (
            <Table caption="Remembered facts">
              <THead>
                <Th>Key</Th>
                <Th>Value</Th>
                <Th>Updated</Th>
                <Th>Expires</Th>
                <Th>Source</Th>
              </THead>
              <TBody>
                {facts.map((fact) => (
                  <tr key={fact.key} data-testid="fact-row">
                    <Td className="font-mono text-xs text-slate-900">{fact.key}</Td>
                    <Td className="max-w-md whitespace-pre-wrap break-words">{fact.value}</Td>
                    <Td className="whitespace-nowrap">
                      <Time value={fact.updatedAt} />
                    </Td>
                    <Td className="whitespace-nowrap">
                      <Time value={fact.expiresAt} />
                    </Td>
                    <Td>
                      {fact.conversationId ? (
                        <Link href={`/conversations/${fact.conversationId}`} className={linkClass}>
                          Conversation<span className="sr-only"> {fact.conversationId}</span>
                        </Link>
                      ) : (
                        <span className="text-slate-500">—</span>
                      )}
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </Section>

        <Section
          id="summaries-heading"
          title={`Conversation summaries · ${summaries.length}`}
          description="One short, extractive summary per finished conversation, newest first."
        >
          {summaries.length === 0 ? (
            <SectionNote>No summaries yet. One is stored when a conversation with this customer ends.</SectionNote>
          ) : (
            <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-xs">
              {summaries.map((s) => (
                <li
                  key={s.conversationId}
                  className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3 text-sm"
                  data-testid="summary-row"
                >
                  <span className="text-slate-800">{s.summary}</span>
                  <span className="flex items-center gap-3 text-xs text-slate-500">
                    <Time value={s.updatedAt} />
                    <Link href={`/conversations/${s.conversationId}`} className={linkClass}>
                      Open conversation<span className="sr-only"> {s.conversationId}</span>
                    </Link>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Section>

        <Section
          id="conversations-heading"
          title={`Conversations · ${conversationTotal}`}
          description={
            conversationTotal > CUSTOMER_CONVERSATIONS_LIMIT
              ? `The ${CUSTOMER_CONVERSATIONS_LIMIT} most recent.`
              : "Newest first."
          }
        >
          {conversations.length === 0 ? (
            <SectionNote>This customer has not had a conversation yet.</SectionNote>
          ) : (
            <Table caption="Conversations with this customer, newest first">
              <THead>
                <Th>Started</Th>
                <Th>Flow</Th>
                <Th>Channel</Th>
                <Th>Status</Th>
                <Th className="text-right">Messages</Th>
                <Th srOnly>Open</Th>
              </THead>
              <TBody>
                {conversations.map((c) => (
                  <tr key={c.id} data-testid="customer-conversation-row">
                    <Td className="whitespace-nowrap">
                      <Time value={c.startedAt} />
                    </Td>
                    <Td className="text-slate-900">{c.flowName}</Td>
                    <Td>{c.channel}</Td>
                    <Td>
                      <ConversationStatusBadge status={c.status} />
                    </Td>
                    <Td className="text-right tabular-nums">{c.messageCount}</Td>
                    <Td className="text-right">
                      <Link href={`/conversations/${c.id}`} className={linkClass}>
                        Open<span className="sr-only"> conversation {c.id}</span>
                      </Link>
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </Section>
      </div>
    </>
  );
}
