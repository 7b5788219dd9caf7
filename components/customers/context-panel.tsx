// The customer context panel beside a conversation: the visit, then for a known customer their profile, recent
// orders, previous conversations and memory; for an anonymous visitor what the chat could tell (the same browser's
// earlier conversations) and a plain statement of what is not known.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { linkClass } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import type { ConversationContext } from "@/lib/features/customers/conversation-context";
import type { CustomerSections } from "@/lib/features/customers/customer-sections";
import { ConversationList } from "./context-panel-conversations";
import { MemoryList } from "./context-panel-memory";
import { OrderList } from "./context-panel-orders";
import { FactList, PanelNote, PanelSection } from "./context-panel-parts";
import { VisitSummary } from "./context-panel-visit";

function Profile({ profile, canOpen }: { profile: CustomerSections["profile"]; canOpen: boolean }) {
  return (
    <FactList
      testId="context-profile"
      rows={[
        {
          label: "Name",
          value: canOpen ? (
            <Link href={`/customers/${profile.id}`} className={linkClass} data-testid="context-customer-name">
              {profile.name}
            </Link>
          ) : (
            <span data-testid="context-customer-name">{profile.name}</span>
          ),
        },
        { label: "Ref", value: <span className="font-mono text-xs">{profile.ref}</span> },
        { label: "E-mail", value: <span className="break-all font-mono text-xs">{profile.email}</span> },
        { label: "Phone", value: profile.phone ? <span className="font-mono text-xs">{profile.phone}</span> : null },
        {
          label: "Tier",
          value: (
            <span className="flex flex-wrap items-center gap-1.5">
              <Badge>{profile.tier}</Badge>
              <span className="text-xs text-slate-600">
                since <Time value={profile.createdAt} />
              </span>
            </span>
          ),
        },
      ]}
    />
  );
}

/** The sections of a known customer, shared with the customer page. */
export function CustomerSectionsView({
  sections,
  canErase,
  idPrefix,
  detailed = false,
}: {
  sections: CustomerSections;
  canErase: boolean;
  idPrefix: string;
  detailed?: boolean;
}) {
  const { orders, conversations, memory, profile } = sections;
  return (
    <>
      <PanelSection
        id={`${idPrefix}-orders`}
        title="Recent orders"
        count={String(orders.total)}
        testId="context-orders"
      >
        <OrderList orders={orders.rows} total={orders.total} />
      </PanelSection>
      <PanelSection
        id={`${idPrefix}-conversations`}
        title="Previous conversations"
        count={String(conversations.total)}
        testId="context-conversations"
      >
        <ConversationList
          rows={conversations.rows}
          total={conversations.total}
          empty="No other conversations with this customer."
        />
      </PanelSection>
      <PanelSection
        id={`${idPrefix}-memory`}
        title="Memory"
        count={`kept ${sections.retentionDays} days`}
        testId="context-memory"
      >
        <MemoryList memory={memory} customer={profile} canErase={canErase} detailed={detailed} />
      </PanelSection>
    </>
  );
}

export function ContextPanel({
  context,
  canOpenCustomer,
  canErase,
}: {
  context: ConversationContext;
  canOpenCustomer: boolean;
  canErase: boolean;
}) {
  const { visit, customer, browserConversations } = context;
  return (
    <div className="space-y-5" data-testid="context-panel" data-known={customer ? "true" : "false"}>
      {customer?.access === "granted" ? (
        <PanelSection id="context-profile-heading" title="Profile">
          <Profile profile={customer.profile} canOpen={canOpenCustomer} />
        </PanelSection>
      ) : null}
      <PanelSection id="context-visit-heading" title="This conversation">
        <VisitSummary visit={visit} />
      </PanelSection>
      {customer?.access === "granted" ? (
        <CustomerSectionsView sections={customer} canErase={canErase} idPrefix="context" />
      ) : customer?.access === "restricted" ? (
        <PanelNote testId="context-restricted">
          A verified customer. Their profile, orders and memory are shown to admins, operators and auditors only.
        </PanelNote>
      ) : (
        <>
          <PanelNote testId="context-anonymous">
            {visit.identityLevel === "identified"
              ? "The visitor named an account but has not proved it is theirs, so nothing of that account is shown."
              : "An anonymous visitor: nobody has proved who they are."}{" "}
            No profile, orders or memory until they are verified.
          </PanelNote>
          {browserConversations ? (
            <PanelSection
              id="context-browser-heading"
              title="Earlier from this browser"
              count={String(browserConversations.total)}
              testId="context-browser-conversations"
            >
              <ConversationList
                rows={browserConversations.rows}
                total={browserConversations.total}
                empty="None: this is the first conversation from this browser."
              />
            </PanelSection>
          ) : null}
        </>
      )}
    </div>
  );
}
