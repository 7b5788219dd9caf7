// Input schemas of the built-in tools: what an LLM agent may pass when it calls one (the engine fills anything
// missing from the conversation and the state, see lib/runtime/engine/nodes/run-builtin-tool.ts). Pure: shared by the tool
// registry, the designer and the engine.
import { z } from "zod";
import type { BuiltinToolName } from "@/lib/model/tools/catalog";

const orderNumber = z
  .string()
  .regex(/^#?[A-Za-z]\d{4,6}$/, "An order number looks like A1234.")
  .describe("The customer's order number, a letter and 4–6 digits, e.g. A1234.");
const reason = z.string().min(1).max(200).describe("Why, in a few words, for the audit trail.");

export const BUILTIN_TOOL_INPUT_SCHEMAS = {
  lookup_order: z.object({ orderNumber }),
  refund_order: z.object({
    orderNumber,
    amount: z
      .number()
      .positive()
      .max(1_000_000)
      .optional()
      .describe(
        "Amount to refund in the order's currency, e.g. 12.5. Leave out to refund everything still refundable.",
      ),
    reason: reason.optional(),
  }),
  cancel_order: z.object({ orderNumber, reason: reason.optional() }),
  change_address: z.object({
    orderNumber,
    address: z
      .string()
      .min(5)
      .max(300)
      .describe("The new delivery address on one line, e.g. 12 Oak Lane, Portland OR 97205."),
  }),
  open_ticket: z.object({
    subject: z.string().min(1).max(200).describe("A short summary of the problem."),
    body: z.string().max(5000).optional().describe("Details for the support team; defaults to the customer's message."),
  }),
  freeze_card: z.object({
    last4: z
      .string()
      .regex(/^\d{4}$/, "Four digits.")
      .optional()
      .describe("Last four digits of the card to freeze; leave out when the customer has a single card."),
    email: z.email().max(200).optional().describe("The account's e-mail address, when the customer is not signed in."),
    reason: reason.optional(),
  }),
} satisfies Record<BuiltinToolName, z.ZodObject>;

export const BUILTIN_TOOL_DESCRIPTIONS: Record<BuiltinToolName, string> = {
  lookup_order: "Look up an order: status, carrier, tracking number, total and items.",
  refund_order: "Refund an order, fully or in part, to the original payment.",
  cancel_order: "Cancel an order that has not shipped yet.",
  change_address: "Change the delivery address of an order that has not shipped yet.",
  open_ticket: "Open a support ticket for the team to follow up.",
  freeze_card: "Freeze the customer's bank card so it cannot be used.",
};

export type BuiltinToolInput<N extends BuiltinToolName> = z.infer<(typeof BUILTIN_TOOL_INPUT_SCHEMAS)[N]>;

/** JSON Schema (draft 2020-12, without `$schema`) of a built-in tool's input, for LLM tool specs. */
export function builtinInputJsonSchema(name: BuiltinToolName): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(BUILTIN_TOOL_INPUT_SCHEMAS[name], { io: "input" }) as Record<
    string,
    unknown
  >;
  // The engine ignores unknown arguments; say so to the model.
  return { ...schema, additionalProperties: false };
}
