// One zod schema for a webhook endpoint, shared by the settings form (client-side check) and the server actions.
// The URL's SSRF check (DNS, private addresses) runs on the server when it is saved (manage-endpoints.ts).
import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/lib/runtime/webhooks/event-types";

export const WEBHOOK_ENDPOINT_KINDS = ["subscription", "handoff"] as const;
export type WebhookEndpointKind = (typeof WEBHOOK_ENDPOINT_KINDS)[number];

export const WEBHOOK_KIND_LABELS: Record<WebhookEndpointKind, string> = {
  subscription: "Event subscription",
  handoff: "Contact-centre handoff",
};

const name = z.string().trim().min(1, "Give it a name.").max(80, "At most 80 characters.");
const url = z
  .string()
  .trim()
  .min(1, "Enter the URL that receives the requests.")
  .max(2000, "At most 2000 characters.")
  .refine((value) => {
    try {
      const parsed = new URL(value);
      return parsed.protocol === "https:" || parsed.protocol === "http:";
    } catch {
      return false;
    }
  }, "Enter a full http(s) URL, e.g. https://example.com/hooks/switchboard.");
const events = z.array(z.enum(WEBHOOK_EVENTS, { error: "Unknown event." })).max(WEBHOOK_EVENTS.length);

const requireEvents = (value: { kind: WebhookEndpointKind; events: string[] }, ctx: z.RefinementCtx) => {
  if (value.kind === "subscription" && value.events.length === 0) {
    ctx.addIssue({ code: "custom", path: ["events"], message: "Pick at least one event." });
  }
};

export const createWebhookEndpointSchema = z
  .object({ kind: z.enum(WEBHOOK_ENDPOINT_KINDS, { error: "Pick a kind." }), name, url, events: events.default([]) })
  .superRefine(requireEvents);

/** The kind is fixed once created (flows name handoff endpoints); whether events are needed is checked with it. */
export const updateWebhookEndpointSchema = z.object({
  endpointId: z.string().trim().min(1).max(64),
  name,
  url,
  events: events.default([]),
});

export const webhookEndpointIdSchema = z.object({ endpointId: z.string().trim().min(1).max(64) });
export const setWebhookEndpointActiveSchema = webhookEndpointIdSchema.extend({ active: z.boolean() });
export const webhookDeliveryIdSchema = z.object({ deliveryId: z.string().trim().min(1).max(64) });

export type CreateWebhookEndpointInput = z.output<typeof createWebhookEndpointSchema>;
