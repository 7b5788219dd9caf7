// Workspace secrets end to end through the server actions (session mocked; the rest is real: defineAction, zod, the
// domain functions, Postgres, the audit log): encrypted at rest, listed by name and hint, read back for tools.
import { describe, expect, it, vi } from "vitest";
import { auditRows, auditText, signIn } from "@/tests/integration/features/settings/settings-helpers";

process.env.NEXTAUTH_SECRET ??= "integration-test-nextauth-secret";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { createSecretAction, updateSecretAction, deleteSecretAction } =
  await import("@/lib/features/settings/models/actions");
const { db } = await import("@/lib/platform/db/client");
const { listSecrets } = await import("@/lib/features/settings/secrets/list-secrets");
const { readSecret } = await import("@/lib/runtime/tools/read-secret");

describe("workspace secrets", () => {
  it("stores values encrypted, lists names and hints only, and reads them back for tools", async () => {
    const { workspace } = await signIn("admin");
    const value = "crm-token-ABCDEFGHIJKLMNOP-5678";
    const created = await createSecretAction({ name: "CRM_TOKEN", value });
    expect(created).toMatchObject({ ok: true, data: { name: "CRM_TOKEN", hint: "5678" } });
    if (!created.ok) return;

    const row = await db().workspaceSecret.findUniqueOrThrow({ where: { id: created.data.id } });
    expect(row.cipher).not.toContain(value);
    expect(JSON.stringify(await listSecrets(workspace.id))).not.toContain(value);
    expect(await listSecrets(workspace.id)).toEqual([
      { id: row.id, name: "CRM_TOKEN", hint: "5678", createdAt: expect.any(String), updatedAt: expect.any(String) },
    ]);
    expect(await db().$transaction((tx) => readSecret(tx, workspace.id, "CRM_TOKEN"))).toBe(value);
    expect(await db().$transaction((tx) => readSecret(tx, workspace.id, "MISSING"))).toBeNull();

    const bad = await createSecretAction({ name: "crm-token", value: "" });
    expect(bad).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { name: expect.any(Array), value: expect.any(Array) },
    });
    expect(await createSecretAction({ name: "CRM_TOKEN", value: "another-value-123456" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      fieldErrors: { name: expect.any(Array) },
    });

    const next = "crm-token-ROTATED-qrstuvwxyz-0001";
    expect(await updateSecretAction({ id: row.id, value: next })).toMatchObject({ ok: true, data: { hint: "0001" } });
    expect(await db().$transaction((tx) => readSecret(tx, workspace.id, "CRM_TOKEN"))).toBe(next);
    expect(await deleteSecretAction({ id: row.id })).toMatchObject({ ok: true });
    expect(await db().workspaceSecret.count({ where: { workspaceId: workspace.id } })).toBe(0);

    const audit = await auditRows(workspace.id);
    expect(audit.map((a) => a.action)).toEqual(["secret.created", "secret.updated", "secret.deleted"]);
    expect(audit[1]).toMatchObject({ before: { hint: "5678" }, after: { hint: "0001" } });
    const text = auditText(audit);
    expect(text).not.toContain(value);
    expect(text).not.toContain(next);

    // Another workspace cannot touch it, and a non-admin cannot change it.
    const other = await createSecretAction({ name: "OTHER", value: "other-secret-value-00" });
    if (!other.ok) throw new Error(other.message);
    await signIn("admin");
    expect(await updateSecretAction({ id: other.data.id, value: "hijacked-value-000000" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    await signIn("operator", workspace);
    expect(await deleteSecretAction({ id: other.data.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await db().$transaction((tx) => readSecret(tx, workspace.id, "OTHER"))).toBe("other-secret-value-00");
  });
});
