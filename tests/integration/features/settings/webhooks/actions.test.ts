// Settings → Webhooks through its server actions (session mocked; the rest is real): create shows the secret once and
// stores it encrypted; validation and the SSRF check give clear field errors; only admins change anything; every
// change is audited without the secret; another workspace's endpoints and deliveries are not found; a test ping and a
// rotated secret reach a real receiver.
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/model/permissions";
import { signInAs } from "@/tests/support/session-mock";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

await import("@/tests/support/webhooks");
const actions = await import("@/lib/features/settings/webhooks/actions");
const { db } = await import("@/lib/platform/db/client");
const { seedUser, seedWorkspace } = await import("@/tests/support/factories");
const { startWebhookReceiver } = await import("@/tests/support/webhook-receiver");
const { settled } = await import("@/tests/support/webhooks");
const { getWebhookEndpoint, listWebhookEndpoints } = await import("@/lib/features/settings/webhooks/list-endpoints");

async function signIn(role: Role, ws: { id: string; slug: string; name: string }) {
  const user = await seedUser({ workspaceId: ws.id, role });
  return signInAs({
    userId: user.id,
    email: user.email,
    name: user.name,
    workspaceId: ws.id,
    workspaceSlug: ws.slug,
    workspaceName: ws.name,
    role,
  });
}
const ok = <T>(result: { ok: true; data: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(`action failed: ${result.message}`);
  return result.data;
};

const hook = await startWebhookReceiver();
afterAll(() => hook.close());

describe("webhook settings actions", () => {
  it("creates an endpoint, shows its secret once, and audits everything but the secret", async () => {
    const { workspace } = await seedWorkspace();
    const admin = await signIn("admin", workspace);
    const created = ok(
      await actions.createWebhookEndpointAction({
        kind: "subscription",
        name: " Ops alerts ",
        url: hook.url,
        events: ["conversation.escalated", "flow.published"],
      }),
    );
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      workspaceId: workspace.id,
      kind: "subscription",
      name: "Ops alerts",
      url: hook.url,
      events: ["conversation.escalated", "flow.published"],
      active: true,
      createdById: admin.userId,
    });
    expect(row.secretCipher).not.toContain(created.secret);
    expect(created.secret.startsWith(row.secretPrefix)).toBe(true);

    // The loaders never carry the secret or its cipher.
    const listed = await listWebhookEndpoints(workspace.id);
    expect(JSON.stringify(listed)).not.toContain(row.secretCipher);
    const detail = await getWebhookEndpoint(workspace.id, created.id);
    expect(JSON.stringify(detail)).not.toContain(row.secretCipher);

    const rotated = ok(await actions.rotateWebhookSecretAction({ endpointId: created.id }));
    expect(rotated.secret).not.toBe(created.secret);
    ok(
      await actions.updateWebhookEndpointAction({
        endpointId: created.id,
        name: "Ops",
        url: hook.url,
        events: ["flow.published"],
      }),
    );
    ok(await actions.setWebhookEndpointActiveAction({ endpointId: created.id, active: false }));
    ok(await actions.setWebhookEndpointActiveAction({ endpointId: created.id, active: false })); // no change, no entry
    ok(await actions.setWebhookEndpointActiveAction({ endpointId: created.id, active: true }));
    ok(await actions.deleteWebhookEndpointAction({ endpointId: created.id }));
    expect(await db().webhookEndpoint.count({ where: { id: created.id } })).toBe(0);

    const trail = await db().auditLog.findMany({
      where: { resourceType: "webhook_endpoint", resourceId: created.id },
      orderBy: { id: "asc" },
    });
    expect(trail.map((a) => a.action)).toEqual([
      "webhook_endpoint.created",
      "webhook_endpoint.secret_rotated",
      "webhook_endpoint.updated",
      "webhook_endpoint.disabled",
      "webhook_endpoint.enabled",
      "webhook_endpoint.deleted",
    ]);
    expect(trail.every((a) => a.actorId === admin.userId && a.workspaceId === workspace.id)).toBe(true);
    expect(trail[0].after).toMatchObject({
      kind: "subscription",
      name: "Ops alerts",
      url: hook.url,
      secretPrefix: row.secretPrefix,
    });
    expect(trail[2]).toMatchObject({
      before: { name: "Ops alerts" },
      after: { name: "Ops", events: ["flow.published"] },
    });
    const text = JSON.stringify(trail.map((a) => [a.before, a.after, a.metadata]));
    for (const secret of [created.secret, rotated.secret]) expect(text).not.toContain(secret);
  });

  it("validates input with clear field errors, including the SSRF check on the URL", async () => {
    const { workspace } = await seedWorkspace();
    await signIn("admin", workspace);
    const base = { kind: "subscription" as const, name: "Hook", url: hook.url, events: ["flow.published" as const] };
    expect(await actions.createWebhookEndpointAction({ ...base, name: " " })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { name: ["Give it a name."] },
    });
    expect(await actions.createWebhookEndpointAction({ ...base, url: "not a url" })).toMatchObject({
      ok: false,
      fieldErrors: { url: [expect.stringContaining("full http(s) URL")] },
    });
    expect(await actions.createWebhookEndpointAction({ ...base, url: "ftp://example.com/x" })).toMatchObject({
      ok: false,
      fieldErrors: { url: [expect.any(String)] },
    });
    expect(await actions.createWebhookEndpointAction({ ...base, events: [] })).toMatchObject({
      ok: false,
      fieldErrors: { events: ["Pick at least one event."] },
    });
    expect(await actions.createWebhookEndpointAction({ ...base, events: ["nope"] as never })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    expect(await actions.createWebhookEndpointAction({ ...base, kind: "other" as never })).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    for (const url of [
      "http://10.0.0.7/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://localhost:9/x",
      "http://127.0.0.2/x",
      "http://user:pw@example.com/x",
    ]) {
      const refused = await actions.createWebhookEndpointAction({ ...base, url });
      expect(refused, url).toMatchObject({
        ok: false,
        code: "VALIDATION",
        fieldErrors: { url: [expect.stringMatching(/not allowed/)] },
      });
    }
    // Plain http is refused outside the development allowlist (the receiver on 127.0.0.1 is on it), and nothing is
    // written; an existing endpoint cannot be moved to http either.
    for (const url of ["http://example.com/hook", "http://hooks.example.org:8080/x"]) {
      const refused = await actions.createWebhookEndpointAction({ ...base, url });
      expect(refused, url).toMatchObject({
        ok: false,
        code: "VALIDATION",
        fieldErrors: { url: ["This URL is not allowed: webhooks need an https:// URL."] },
      });
    }
    expect(hook.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(await db().webhookEndpoint.count({ where: { workspaceId: workspace.id } })).toBe(0);
    // A handoff endpoint needs no events (and keeps none).
    const handoff = ok(
      await actions.createWebhookEndpointAction({
        kind: "handoff",
        name: "Contact centre",
        url: hook.url,
        events: ["flow.published"],
      }),
    );
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: handoff.id } })).events).toEqual([]);
    expect(
      await actions.updateWebhookEndpointAction({
        endpointId: handoff.id,
        name: "Contact centre",
        url: "http://example.com/x",
      }),
    ).toMatchObject({ ok: false, fieldErrors: { url: ["This URL is not allowed: webhooks need an https:// URL."] } });
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: handoff.id } })).url).toBe(hook.url);
    ok(await actions.createWebhookEndpointAction(base));
    expect(await actions.createWebhookEndpointAction(base)).toMatchObject({
      ok: false,
      message: 'An endpoint called "Hook" already exists.',
      fieldErrors: { name: ["This name is already used."] },
    });
    expect(await db().webhookEndpoint.count({ where: { workspaceId: workspace.id } })).toBe(2);
  });

  it("refuses non-admins, and keeps other workspaces' endpoints and deliveries out of reach", async () => {
    const { workspace } = await seedWorkspace();
    await signIn("admin", workspace);
    const created = ok(
      await actions.createWebhookEndpointAction({
        kind: "subscription",
        name: "Mine",
        url: hook.url,
        events: ["flow.published"],
      }),
    );
    const ping = ok(await actions.sendTestWebhookAction({ endpointId: created.id }));

    for (const role of ["designer", "operator", "auditor"] as const) {
      await signIn(role, workspace);
      expect(
        await actions.createWebhookEndpointAction({
          kind: "subscription",
          name: "X",
          url: hook.url,
          events: ["flow.published"],
        }),
      ).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await actions.rotateWebhookSecretAction({ endpointId: created.id })).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
      expect(await actions.deleteWebhookEndpointAction({ endpointId: created.id })).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
      expect(await actions.replayWebhookDeliveryAction({ deliveryId: ping.deliveryId })).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
    }
    signInAs(null);
    expect(await actions.sendTestWebhookAction({ endpointId: created.id })).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
    });

    const other = await seedWorkspace();
    await signIn("admin", other.workspace);
    for (const result of [
      await actions.rotateWebhookSecretAction({ endpointId: created.id }),
      await actions.updateWebhookEndpointAction({
        endpointId: created.id,
        name: "Theirs",
        url: hook.url,
        events: ["flow.published"],
      }),
      await actions.setWebhookEndpointActiveAction({ endpointId: created.id, active: false }),
      await actions.deleteWebhookEndpointAction({ endpointId: created.id }),
      await actions.sendTestWebhookAction({ endpointId: created.id }),
      await actions.replayWebhookDeliveryAction({ deliveryId: ping.deliveryId }),
    ]) {
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await getWebhookEndpoint(other.workspace.id, created.id)).toBeNull();
    expect(await listWebhookEndpoints(other.workspace.id)).toEqual([]);
    expect(await db().webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      name: "Mine",
      active: true,
    });
  });

  it("sends a test ping signed with the current secret, replays it, and refuses both while the endpoint is disabled", async () => {
    const { workspace } = await seedWorkspace();
    const admin = await signIn("admin", workspace);
    const created = ok(
      await actions.createWebhookEndpointAction({ kind: "handoff", name: "CC", url: hook.url, events: [] }),
    );
    const rotated = ok(await actions.rotateWebhookSecretAction({ endpointId: created.id }));
    hook.setSecret(rotated.secret);
    const before = hook.accepted().length;

    const ping = ok(await actions.sendTestWebhookAction({ endpointId: created.id }));
    expect(await settled(ping.deliveryId)).toMatchObject({ status: "succeeded", event: "ping", attempts: 1 });
    const got = (await hook.waitForAccepted(before + 1)).at(-1)!;
    expect(got.body).toMatchObject({
      type: "ping",
      data: { endpointId: created.id, endpoint: "CC", sentBy: admin.name },
    });
    expect(got.headers["switchboard-event"]).toBe("ping");

    const replay = ok(await actions.replayWebhookDeliveryAction({ deliveryId: ping.deliveryId }));
    expect(await settled(replay.deliveryId)).toMatchObject({ status: "succeeded", replayOfId: ping.deliveryId });

    ok(await actions.setWebhookEndpointActiveAction({ endpointId: created.id, active: false }));
    expect(await actions.sendTestWebhookAction({ endpointId: created.id })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "“CC” is disabled: enable it first.",
    });
    expect(await actions.replayWebhookDeliveryAction({ deliveryId: ping.deliveryId })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });

    const trail = await db().auditLog.findMany({
      where: { resourceType: "webhook_delivery", workspaceId: workspace.id },
      orderBy: { id: "asc" },
    });
    expect(trail.map((a) => [a.action, a.resourceId])).toEqual([
      ["webhook_delivery.test_sent", ping.deliveryId],
      ["webhook_delivery.replayed", replay.deliveryId],
    ]);
    expect(trail[1].after).toMatchObject({ replayOfId: ping.deliveryId, event: "ping", originalStatus: "succeeded" });
  });
});
