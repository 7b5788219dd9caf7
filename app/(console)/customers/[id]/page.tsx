import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CustomerSectionsView } from "@/components/customers/context-panel";
import { EraseMemoryDialog } from "@/components/customers/erase-memory-dialog";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { requirePageMember } from "@/app/_server/page-member";
import { can } from "@/lib/model/permissions";
import { getCustomerContext } from "@/lib/features/customers/conversation-context";

export const metadata: Metadata = { title: "Customer" };

type Props = { params: Promise<{ id: string }> };

/** The page has the room for more of each section than the inbox's panel. */
const PAGE_LIMITS = { orders: 20, conversations: 50 };

export default async function CustomerPage({ params }: Props) {
  const { id } = await params;
  const member = await requirePageMember("customer.read", `/customers/${id}`);
  const sections = await getCustomerContext({
    workspaceId: member.workspaceId,
    role: member.role,
    customerId: id,
    limits: PAGE_LIMITS,
  });
  if (!sections) notFound();
  const { profile, retentionDays } = sections;

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
            {profile.name}
            <code className="font-mono text-sm font-normal text-slate-600">{profile.ref}</code>
            <Badge>{profile.tier}</Badge>
          </span>
        }
        description={
          <>
            <span className="break-all font-mono">{profile.email}</span>
            {profile.phone ? <span className="font-mono"> · {profile.phone}</span> : null} · customer since{" "}
            <Time value={profile.createdAt} /> · memory kept {retentionDays} days after its last update
          </>
        }
        actions={
          can(member.role, "customer.erase") ? (
            <EraseMemoryDialog customerId={profile.id} customerRef={profile.ref} />
          ) : undefined
        }
      />

      <div className="max-w-3xl space-y-8" data-testid="customer-sections">
        <CustomerSectionsView sections={sections} canErase={false} idPrefix="customer" detailed />
      </div>
    </>
  );
}
