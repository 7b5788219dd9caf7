// How sure a conversation is of who the customer is. Pure: the console, the trace and the engine read the same names.
export const IDENTITY_LEVELS = ["anonymous", "identified", "verified"] as const;
export type IdentityLevel = (typeof IDENTITY_LEVELS)[number];

/**
 * How a conversation got its verified customer: a server-side integration named them (the REST API, A2A, MCP), the
 * host site signed their identity for the web chat, they answered facts only they should know, or they typed a code
 * sent to the e-mail on file.
 */
export const IDENTITY_METHODS = ["api", "signed_token", "knowledge", "email_code"] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];

export const IDENTITY_LEVEL_LABELS: Record<IdentityLevel, string> = {
  anonymous: "Anonymous",
  identified: "Identified, not verified",
  verified: "Verified",
};

export const IDENTITY_METHOD_LABELS: Record<IdentityMethod, string> = {
  api: "named by a server-side integration",
  signed_token: "signed identity from the host site",
  knowledge: "order details checked against our records",
  email_code: "one-time code sent to the e-mail on file",
};

/** The identity a node runs with; the Verify customer node changes it in place when the customer proves who they are. */
export type ConversationIdentity = { level: IdentityLevel; method: string | null; customerId: string | null };

export function describeIdentity(identity: { level: string; method: string | null }): string {
  const level = IDENTITY_LEVEL_LABELS[identity.level as IdentityLevel] ?? identity.level;
  const method = identity.method ? IDENTITY_METHOD_LABELS[identity.method as IdentityMethod] : null;
  return method ? `${level} (${method})` : level;
}
