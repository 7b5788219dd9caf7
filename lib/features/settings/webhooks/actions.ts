"use server";
// Webhook endpoints and their deliveries: create (the secret is returned once), edit, rotate the secret (returned
// once), enable/disable, delete, send a test event, replay a delivery. Admins only (settings.manage); every change is
// audited without the secret.
import { defineAction } from "@/lib/features/define-action";
import {
  createWebhookEndpointSchema,
  setWebhookEndpointActiveSchema,
  updateWebhookEndpointSchema,
  webhookDeliveryIdSchema,
  webhookEndpointIdSchema,
} from "@/lib/features/settings/webhooks/endpoint-schema";
import {
  auditView,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  replayWebhookDelivery,
  rotateWebhookSecret,
  sendTestWebhook,
  setWebhookEndpointActive,
  updateWebhookEndpoint,
} from "@/lib/features/settings/webhooks/manage-endpoints";

// The endpoint pages refresh themselves after an action (router.refresh); the list is revalidated here.
const revalidate = ["/settings/webhooks"];

export const createWebhookEndpointAction = defineAction({
  permission: "settings.manage",
  schema: createWebhookEndpointSchema,
  revalidate,
  handler: async (input, { member, tx }) => {
    const { endpoint, secret } = await createWebhookEndpoint(tx, {
      workspaceId: member.workspaceId,
      createdById: member.userId,
      ...input,
    });
    return {
      data: { id: endpoint.id, name: endpoint.name, secret },
      audit: {
        action: "webhook_endpoint.created",
        resourceType: "webhook_endpoint",
        resourceId: endpoint.id,
        after: auditView(endpoint),
      },
    };
  },
});

export const updateWebhookEndpointAction = defineAction({
  permission: "settings.manage",
  schema: updateWebhookEndpointSchema,
  revalidate,
  handler: async (input, { member, tx }) => {
    const { before, after } = await updateWebhookEndpoint(tx, { workspaceId: member.workspaceId, ...input });
    return {
      data: { id: after.id },
      audit: {
        action: "webhook_endpoint.updated",
        resourceType: "webhook_endpoint",
        resourceId: after.id,
        before: auditView(before),
        after: auditView(after),
      },
    };
  },
});

export const rotateWebhookSecretAction = defineAction({
  permission: "settings.manage",
  schema: webhookEndpointIdSchema,
  revalidate,
  handler: async (input, { member, tx }) => {
    const { before, after, secret } = await rotateWebhookSecret(tx, {
      workspaceId: member.workspaceId,
      endpointId: input.endpointId,
    });
    return {
      data: { id: after.id, secret },
      audit: {
        action: "webhook_endpoint.secret_rotated",
        resourceType: "webhook_endpoint",
        resourceId: after.id,
        before: { secretPrefix: before.secretPrefix },
        after: { secretPrefix: after.secretPrefix },
      },
    };
  },
});

export const setWebhookEndpointActiveAction = defineAction({
  permission: "settings.manage",
  schema: setWebhookEndpointActiveSchema,
  revalidate,
  handler: async (input, { member, tx }) => {
    const { before, after, changed } = await setWebhookEndpointActive(tx, {
      workspaceId: member.workspaceId,
      endpointId: input.endpointId,
      active: input.active,
    });
    return {
      data: { id: after.id, active: after.active },
      audit: changed
        ? {
            action: after.active ? "webhook_endpoint.enabled" : "webhook_endpoint.disabled",
            resourceType: "webhook_endpoint",
            resourceId: after.id,
            before: { active: before.active },
            after: { active: after.active },
          }
        : [],
    };
  },
});

export const deleteWebhookEndpointAction = defineAction({
  permission: "settings.manage",
  schema: webhookEndpointIdSchema,
  revalidate,
  handler: async (input, { member, tx }) => {
    const { before, deliveries } = await deleteWebhookEndpoint(tx, {
      workspaceId: member.workspaceId,
      endpointId: input.endpointId,
    });
    return {
      data: { id: before.id },
      audit: {
        action: "webhook_endpoint.deleted",
        resourceType: "webhook_endpoint",
        resourceId: before.id,
        before: auditView(before),
        metadata: { deliveriesDeleted: deliveries },
      },
    };
  },
});

export const sendTestWebhookAction = defineAction({
  permission: "settings.manage",
  schema: webhookEndpointIdSchema,
  revalidate: [],
  handler: async (input, { member, tx }) => {
    const { deliveryId, endpoint } = await sendTestWebhook(tx, {
      workspaceId: member.workspaceId,
      endpointId: input.endpointId,
      actorLabel: member.name || member.email,
    });
    return {
      data: { deliveryId },
      audit: {
        action: "webhook_delivery.test_sent",
        resourceType: "webhook_delivery",
        resourceId: deliveryId,
        after: { endpointId: endpoint.id, endpoint: endpoint.name, event: "ping" },
      },
    };
  },
});

export const replayWebhookDeliveryAction = defineAction({
  permission: "settings.manage",
  schema: webhookDeliveryIdSchema,
  revalidate: [],
  handler: async (input, { member, tx }) => {
    const { deliveryId, original } = await replayWebhookDelivery(tx, {
      workspaceId: member.workspaceId,
      deliveryId: input.deliveryId,
    });
    return {
      data: { deliveryId, endpointId: original.endpointId },
      audit: {
        action: "webhook_delivery.replayed",
        resourceType: "webhook_delivery",
        resourceId: deliveryId,
        after: {
          replayOfId: original.id,
          event: original.event,
          endpointId: original.endpointId,
          originalStatus: original.status,
        },
      },
    };
  },
});
