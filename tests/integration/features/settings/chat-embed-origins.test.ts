// Settings → Web chat: the sites that may frame the public chat, through the server action with the session mocked
// and everything else real. Admins set them (canonical https origins, audited); anyone else is refused; anything but
// an origin is refused with a field error and changes nothing; the chat pages follow at once.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/platform/auth/current-member", () =>
  import("@/tests/support/session-mock").then((m) => m.currentMemberModule()),
);

const { setChatEmbedOriginsAction } = await import("@/lib/features/settings/web-chat/actions");
const { signInAs } = await import("@/tests/support/session-mock");
import { proxy } from "@/proxy";
import { db } from "@/lib/platform/db/client";
import { memberOf, seedWorkspace } from "@/tests/support/factories";

const ACTION = "workspace.chat_embed_origins_changed";
const originsOf = async (id: string) => (await db().workspace.findUniqueOrThrow({ where: { id } })).chatEmbedOrigins;
const audits = (workspaceId: string) => db().auditLog.findMany({ where: { workspaceId, action: ACTION } });

afterEach(() => {
  signInAs(null);
  delete process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST;
});

async function asAdmin() {
  const { workspace, user } = await seedWorkspace({ role: "admin" });
  signInAs(memberOf(user, workspace, "admin"));
  return { workspace, user };
}

describe("the chat's embedding origins", () => {
  it("admins set them as canonical origins, audited, and the chat pages may be framed by them at once", async () => {
    const { workspace, user } = await asAdmin();
    const page = () => proxy(new NextRequest(`http://localhost:3000/chat/${workspace.slug}/support`));
    expect((await page()).headers.get("content-security-policy")).toContain("frame-ancestors 'none'");

    const saved = await setChatEmbedOriginsAction({
      origins: " https://Shop.Example/\nhttps://www.shop.example:8443, https://shop.example ",
    });
    expect(saved).toMatchObject({
      ok: true,
      data: { origins: ["https://shop.example", "https://www.shop.example:8443"], changed: true },
    });
    expect(await originsOf(workspace.id)).toEqual(["https://shop.example", "https://www.shop.example:8443"]);
    const [entry, ...more] = await audits(workspace.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actorType: "user",
      actorId: user.id,
      resourceType: "workspace",
      resourceId: workspace.id,
      before: { origins: [] },
      after: { origins: ["https://shop.example", "https://www.shop.example:8443"] },
    });
    const framed = await page();
    expect(framed.headers.get("content-security-policy")).toContain(
      "frame-ancestors https://shop.example https://www.shop.example:8443",
    );
    expect(framed.headers.get("x-frame-options")).toBeNull();

    expect(
      await setChatEmbedOriginsAction({ origins: "https://shop.example\nhttps://www.shop.example:8443" }),
    ).toMatchObject({ ok: true, data: { changed: false } });
    expect(await audits(workspace.id)).toHaveLength(1);

    expect(await setChatEmbedOriginsAction({ origins: "" })).toMatchObject({ ok: true, data: { origins: [] } });
    expect((await page()).headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("refuses anyone but an admin, changing nothing", async () => {
    const { workspace, user } = await seedWorkspace({ role: "admin" });
    for (const role of ["designer", "operator", "auditor"] as const) {
      signInAs(memberOf(user, workspace, role));
      expect(await setChatEmbedOriginsAction({ origins: "https://evil.example" })).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
    }
    signInAs(null);
    expect(await setChatEmbedOriginsAction({ origins: "https://evil.example" })).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
    });
    expect(await originsOf(workspace.id)).toEqual([]);
    expect(await audits(workspace.id)).toEqual([]);
  });

  it("answers anything but an https origin with a field error and changes nothing", async () => {
    const { workspace } = await asAdmin();
    for (const [input, message] of [
      ["http://shop.example", /use https:\/\//],
      ["https://shop.example/chat", /without a path/],
      ["https://*.shop.example", /wildcards/],
      ["shop.example", /not an origin/],
      ["javascript:alert(1)", /use https:\/\//],
      ["https://user:pw@shop.example", /without a path/],
      [Array.from({ length: 21 }, (_, i) => `https://s${i}.example`).join("\n"), /at most 20/],
    ] as const) {
      const result = await setChatEmbedOriginsAction({ origins: input });
      expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
      expect(!result.ok && result.fieldErrors?.origins?.[0]).toMatch(message);
    }
    expect(await originsOf(workspace.id)).toEqual([]);
    expect(await audits(workspace.id)).toEqual([]);
  });

  it("accepts plain http only for a development host on the allowlist", async () => {
    const { workspace } = await asAdmin();
    process.env.SWITCHBOARD_HTTP_TOOL_ALLOWLIST = "localhost:5173";
    expect(await setChatEmbedOriginsAction({ origins: "http://localhost:5173" })).toMatchObject({ ok: true });
    expect(await setChatEmbedOriginsAction({ origins: "http://localhost:8080" })).toMatchObject({ ok: false });
    expect(await originsOf(workspace.id)).toEqual(["http://localhost:5173"]);
  });
});
