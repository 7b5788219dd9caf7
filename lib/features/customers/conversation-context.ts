// The inbox's context panel for one conversation: what is known about the visit (channel, identity level, the page
// the chat was opened on, the browser, first seen, messages) and, for a known customer, their sections
// (customer-sections.ts). Customer data needs `customer.read` on top of `conversation.read`: a designer handling the
// conversation sees the visit and is told the rest is not theirs to see.
import "server-only";
import { can, type Role } from "@/lib/model/permissions";
import { AppError } from "@/lib/model/errors";
import { db } from "@/lib/platform/db/client";
import { listPreviousConversations, loadCustomerSections, type CustomerSections } from "./customer-sections";
import type { PreviousConversation } from "./customer-sections";
import { summarizeUserAgent } from "./user-agent-summary";

export type VisitContext = {
  conversationId: string;
  channel: string;
  identityLevel: string;
  identityMethod: string | null;
  identifiedAt: Date | null;
  startedAt: Date;
  messageCount: number;
  pageUrl: string | null;
  referrer: string | null;
  /** A summary ("Chrome on Android (mobile)"); the raw header stays in the database. */
  browser: string | null;
  /** The first conversation of this browser (the web chat's resume token), or of the customer; else this one. */
  firstSeenAt: Date;
};

export type ConversationContext = {
  visit: VisitContext;
  /**
   * null: nobody proved who the customer is (an anonymous or only identified visitor). `restricted`: a known
   * customer the viewer may not see. Otherwise the customer's sections.
   */
  customer: null | { access: "restricted" } | ({ access: "granted" } & CustomerSections);
  /** An anonymous visitor's earlier conversations from the same browser, when the chat could tell. */
  browserConversations: { rows: PreviousConversation[]; total: number } | null;
};

export async function getConversationContext(options: {
  workspaceId: string;
  role: Role;
  conversationId: string;
  now?: Date;
}): Promise<ConversationContext | null> {
  if (!can(options.role, "conversation.read")) {
    throw new AppError("FORBIDDEN", { message: `Role ${options.role} may not read conversations` });
  }
  const { workspaceId } = options;
  const conversation = await db().conversation.findFirst({
    where: { id: options.conversationId, workspaceId },
    select: {
      id: true,
      channel: true,
      customerId: true,
      chatTokenHash: true,
      identityLevel: true,
      identityMethod: true,
      identifiedAt: true,
      startedAt: true,
      pageUrl: true,
      referrer: true,
      userAgent: true,
      _count: { select: { messages: true } },
    },
  });
  if (!conversation) return null;

  const mayReadCustomer = can(options.role, "customer.read");
  const knownCustomer = conversation.customerId;
  const [sections, browserConversations, firstSeen] = await Promise.all([
    knownCustomer && mayReadCustomer
      ? loadCustomerSections({
          workspaceId,
          customerId: knownCustomer,
          excludeConversationId: conversation.id,
          now: options.now,
        })
      : null,
    !knownCustomer && conversation.chatTokenHash
      ? listPreviousConversations({
          workspaceId,
          where: { chatTokenHash: conversation.chatTokenHash },
          excludeId: conversation.id,
        })
      : null,
    knownCustomer || conversation.chatTokenHash
      ? db().conversation.aggregate({
          where: {
            workspaceId,
            ...(knownCustomer ? { customerId: knownCustomer } : { chatTokenHash: conversation.chatTokenHash }),
          },
          _min: { startedAt: true },
        })
      : null,
  ]);

  return {
    visit: {
      conversationId: conversation.id,
      channel: conversation.channel,
      identityLevel: conversation.identityLevel,
      identityMethod: conversation.identityMethod,
      identifiedAt: conversation.identifiedAt,
      startedAt: conversation.startedAt,
      messageCount: conversation._count.messages,
      pageUrl: conversation.pageUrl,
      referrer: conversation.referrer,
      browser: summarizeUserAgent(conversation.userAgent),
      firstSeenAt: firstSeen?._min.startedAt ?? conversation.startedAt,
    },
    customer: !knownCustomer
      ? null
      : !mayReadCustomer
        ? { access: "restricted" }
        : sections
          ? { access: "granted", ...sections }
          : null,
    browserConversations,
  };
}

/** The customer page's sections, for a viewer who may read customer data; null when not in the workspace. */
export async function getCustomerContext(options: {
  workspaceId: string;
  role: Role;
  customerId: string;
  limits?: { orders?: number; conversations?: number };
  now?: Date;
}): Promise<CustomerSections | null> {
  if (!can(options.role, "customer.read")) {
    throw new AppError("FORBIDDEN", { message: `Role ${options.role} may not read customers` });
  }
  return loadCustomerSections(options);
}
