// proxy.ts on public chat pages: `frame-ancestors` names the sites the page's workspace lists (Settings → Web chat),
// read from the database once per workspace and kept briefly; no list, no framing.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { forgetChatEmbedOrigins } from "@/lib/features/chat/embed-origins";
import { db } from "@/lib/platform/db/client";
import { demoWorkspace, seedWorkspace } from "@/tests/support/factories";

const chatPage = (workspaceSlug: string) =>
  proxy(new NextRequest(`http://localhost:3000/chat/${workspaceSlug}/retail-support`));
const ancestors = (response: Response) =>
  /frame-ancestors ([^;]+)/.exec(response.headers.get("content-security-policy") ?? "")?.[1];

describe("proxy on public chat pages", () => {
  it("lets the workspace's embedding origins frame its chat, and no one else's", async () => {
    const workspace = await demoWorkspace();
    await db().workspace.update({
      where: { id: workspace.id },
      data: { chatEmbedOrigins: ["https://shop.example", "https://www.shop.example"] },
    });
    forgetChatEmbedOrigins(workspace.slug);
    const framable = await chatPage(workspace.slug);
    expect(ancestors(framable)).toBe("https://shop.example https://www.shop.example");
    expect(framable.headers.get("x-frame-options")).toBeNull();
    expect(framable.headers.get("referrer-policy")).toBe("same-origin");
    expect(framable.headers.get("content-security-policy")).toContain("'strict-dynamic'");
    expect(framable.headers.get("x-middleware-request-x-nonce")).toBeTruthy();

    const other = (await seedWorkspace()).workspace;
    const closed = await chatPage(other.slug);
    expect(ancestors(closed)).toBe("'none'");
    expect(closed.headers.get("x-frame-options")).toBe("DENY");
    expect(ancestors(await chatPage("no-such-workspace"))).toBe("'none'");

    // The console is never framable, whatever a workspace lists.
    const console = await proxy(new NextRequest("http://localhost:3000/flows"));
    expect(ancestors(console)).toBe("'none'");
  });

  it("reads the database once per workspace while its answer is fresh", async () => {
    const { workspace } = await seedWorkspace();
    await db().workspace.update({ where: { id: workspace.id }, data: { chatEmbedOrigins: ["https://a.example"] } });
    expect(ancestors(await chatPage(workspace.slug))).toBe("https://a.example");
    await db().workspace.update({ where: { id: workspace.id }, data: { chatEmbedOrigins: ["https://b.example"] } });
    expect(ancestors(await chatPage(workspace.slug))).toBe("https://a.example");
    forgetChatEmbedOrigins(workspace.slug);
    expect(ancestors(await chatPage(workspace.slug))).toBe("https://b.example");
  });
});
