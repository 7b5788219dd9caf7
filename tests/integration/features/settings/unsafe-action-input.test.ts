// Server actions refuse text that cannot be stored (a NUL, an unpaired surrogate) with a clear 400 and change nothing,
// like every other input (REST, chat, A2A, MCP): before, Postgres refused it and the action answered 500.
import { describe, expect, it, vi } from "vitest";
import { signIn } from "@/tests/integration/features/settings/settings-helpers";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { setAssistantNameAction } = await import("@/lib/features/settings/conversations/actions");
const { createSecretAction } = await import("@/lib/features/settings/models/actions");
const { db } = await import("@/lib/platform/db/client");

describe("unsafe text in a server action", () => {
  it.each([
    ["a NUL", "Ada\u0000Bot"],
    ["a lone surrogate", "Ada \ud800 Bot"],
  ])("refuses %s with 400 and leaves the setting as it was", async (_what, name) => {
    const { workspace } = await signIn("admin");
    const before = await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } });
    const result = await setAssistantNameAction({ name });
    expect(result).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(result.ok ? "" : result.message).toMatch(/must not contain/);
    const after = await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } });
    expect(after.assistantName).toBe(before.assistantName);
  });

  it("checks every field, not only the first", async () => {
    await signIn("admin");
    expect(await createSecretAction({ name: "CRM_TOKEN", value: "token\u0000value-123456" })).toMatchObject({
      ok: false,
      code: "BAD_REQUEST",
    });
  });
});
