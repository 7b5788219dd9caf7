// The Verify customer node: the flow's authentication specialist. Customer-record tools run only after it (or another
// way of verifying: the API naming the customer, the host site's signed identity) has proved who the customer is.
import { z } from "zod";

export const VERIFY_METHODS = ["knowledge", "email_code"] as const;
export type VerifyMethod = (typeof VERIFY_METHODS)[number];

export const VERIFY_METHOD_LABELS: Record<VerifyMethod, string> = {
  knowledge: "Order details: an order number plus the e-mail address or postcode on it",
  email_code: "One-time code sent to the e-mail address on file",
};

/** The handle taken when the customer could not be verified (too many wrong answers, or the account is locked). */
export const NOT_VERIFIED_HANDLE = "failed";

export const verifyCustomerConfig = z.object({
  method: z.enum(VERIFY_METHODS).default("knowledge"),
  /**
   * With order details, what must come with the order number. A postcode is weaker (few distinct values in a small
   * shop's area): pick "email" when the orders' postcodes are few.
   */
  secondFactor: z.enum(["email", "email_or_postcode"]).default("email_or_postcode"),
  /** The first question; empty = the method's own. */
  prompt: z.string().max(1000).default(""),
  /** Wrong answers (or codes) in a conversation before verification is locked and the "not verified" path is taken. */
  maxAttempts: z.number().int().min(1).max(10).default(3),
  /** How long an e-mailed code stays valid. */
  codeTtlMinutes: z.number().int().min(1).max(60).default(10),
  /** Said once the customer is verified (empty = nothing). */
  verifiedMessage: z.string().max(1000).default("Thank you, that matches our records."),
});
