"use server";
// Model providers and workspace secrets: credentials, so admins only (settings.manage). Keys and secret values are
// write-only: they are encrypted in the domain functions and never returned, logged or audited (names, hints, URLs
// and models only).
import { defineAction } from "@/lib/features/define-action";
import { createModelProvider } from "@/lib/features/settings/models/create-model-provider";
import { createSecret } from "@/lib/features/settings/secrets/create-secret";
import { deleteModelProvider } from "@/lib/features/settings/models/delete-model-provider";
import { deleteSecret } from "@/lib/features/settings/secrets/delete-secret";
import {
  createModelProviderSchema,
  modelProviderIdSchema,
  updateModelProviderSchema,
} from "@/lib/runtime/agents/model-provider-schema";
import { createSecretSchema, secretIdSchema, updateSecretSchema } from "@/lib/features/settings/secrets/secret-schema";
import { testModelProvider } from "@/lib/features/settings/models/test-model-provider";
import { updateModelProvider } from "@/lib/features/settings/models/update-model-provider";
import { updateSecret } from "@/lib/features/settings/secrets/update-secret";

export const createModelProviderAction = defineAction({
  permission: "settings.manage",
  schema: createModelProviderSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const { provider, after } = await createModelProvider(tx, { workspaceId: member.workspaceId, input });
    return {
      data: provider,
      audit: { action: "model_provider.created", resourceType: "model_provider", resourceId: provider.id, after },
    };
  },
});

export const updateModelProviderAction = defineAction({
  permission: "settings.manage",
  schema: updateModelProviderSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await updateModelProvider(tx, { workspaceId: member.workspaceId, input });
    return {
      data: result.provider,
      audit: result.changed
        ? {
            action: "model_provider.updated",
            resourceType: "model_provider",
            resourceId: result.provider.id,
            before: result.before,
            after: result.after,
            metadata: { name: result.provider.name, apiKey: result.key },
          }
        : [],
    };
  },
});

export const deleteModelProviderAction = defineAction({
  permission: "settings.manage",
  schema: modelProviderIdSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await deleteModelProvider(tx, { workspaceId: member.workspaceId, id: input.id });
    return {
      data: { id: result.id },
      audit: {
        action: "model_provider.deleted",
        resourceType: "model_provider",
        resourceId: result.id,
        before: result.before,
      },
    };
  },
});

// Not a change, but an outbound call made with a stored credential at an admin's request: worth a line in the trail.
export const testModelProviderAction = defineAction({
  permission: "settings.manage",
  schema: modelProviderIdSchema,
  // The check makes one network call (at most 10 s) inside the action's transaction.
  timeoutMs: 20_000,
  handler: async (input, { member, tx }) => {
    const result = await testModelProvider(tx, { workspaceId: member.workspaceId, id: input.id });
    return {
      data: result,
      audit: {
        action: "model_provider.tested",
        resourceType: "model_provider",
        resourceId: input.id,
        metadata: { name: result.name, ok: result.ok, method: result.method, latencyMs: result.latencyMs },
      },
    };
  },
});

export const createSecretAction = defineAction({
  permission: "settings.manage",
  schema: createSecretSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const secret = await createSecret(tx, { workspaceId: member.workspaceId, input });
    return {
      data: secret,
      audit: {
        action: "secret.created",
        resourceType: "secret",
        resourceId: secret.id,
        after: { name: secret.name, hint: secret.hint },
      },
    };
  },
});

export const updateSecretAction = defineAction({
  permission: "settings.manage",
  schema: updateSecretSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await updateSecret(tx, { workspaceId: member.workspaceId, input });
    return {
      data: { id: result.id, name: result.name, hint: result.after.hint },
      audit: {
        action: "secret.updated",
        resourceType: "secret",
        resourceId: result.id,
        before: result.before,
        after: result.after,
        metadata: { name: result.name },
      },
    };
  },
});

export const deleteSecretAction = defineAction({
  permission: "settings.manage",
  schema: secretIdSchema,
  revalidate: ["/settings"],
  handler: async (input, { member, tx }) => {
    const result = await deleteSecret(tx, { workspaceId: member.workspaceId, id: input.id });
    return {
      data: { id: result.id },
      audit: { action: "secret.deleted", resourceType: "secret", resourceId: result.id, before: result.before },
    };
  },
});
