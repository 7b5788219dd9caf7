// Channels a conversation can arrive on. "test" is the designer's test chat: it runs a hidden test version of
// the draft and its conversations never count as operations (Live, Inbox, Dashboard, flow counts).
export const CUSTOMER_CHANNELS = ["web", "api"] as const;
export type CustomerChannel = (typeof CUSTOMER_CHANNELS)[number];

export const TEST_CHANNEL = "test" as const;
export type ConversationChannel = CustomerChannel | typeof TEST_CHANNEL;

/** Prisma `where` fragment for a Conversation: real customer traffic only, never designer test runs. */
export const NOT_TEST_CONVERSATION = { channel: { not: TEST_CHANNEL } } as const;
