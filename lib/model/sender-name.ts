// The name a customer sees as a message's sender. It is chosen when the message is written (Message.senderName: a
// node's or flow's own sender name, else the workspace's assistant name; an in-house operator's first name, or the
// contact centre's name for its person) and read back through customerFacingSender, so the public chat and the public
// API never show different names. Message.author (a node's internal label, an operator's full name) is for the console.
import { z } from "zod";

/** The longest sender name: a node's, a flow's or the workspace's assistant name. */
export const MAX_SENDER_NAME_LENGTH = 60;

/** A node's or flow's own sender name; empty falls back to the flow's, then the workspace's assistant name. */
export const nodeSenderNameSchema = z.string().trim().max(MAX_SENDER_NAME_LENGTH).default("");

/** For rows written before sender names existed, and for the chat's typing bubble of an agent without its own name. */
export const FALLBACK_ASSISTANT_SENDER = "Assistant";
/** For a person whose name is unknown. */
export const FALLBACK_OPERATOR_SENDER = "Support team";
/** System notices (the engine could not go on) are nobody's words. */
export const NOTICE_SENDER = "Notice";

/** Null for the customer's own messages; otherwise the name to show the customer. */
export function customerFacingSender(message: { role: string; senderName: string | null }): string | null {
  switch (message.role) {
    case "customer":
      return null;
    case "system":
      return NOTICE_SENDER;
    case "operator":
      return message.senderName || FALLBACK_OPERATOR_SENDER;
    default:
      return message.senderName || FALLBACK_ASSISTANT_SENDER;
  }
}
