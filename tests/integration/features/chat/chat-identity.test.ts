// A shopper signed in on the host site reaches the web chat verified: the site signs an identity token with the
// workspace's secret. A forged, expired, too long-lived or unknown token leaves the visitor anonymous, audited with why.
import { SignJWT } from "jose";
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("@/tests/support/cookie-jar").then((m) => m.nextHeadersModule()));

const { startChat, sendChatMessage } = await import("@/lib/features/chat/actions");
const { CookieJar, switchBrowser } = await import("@/tests/support/cookie-jar");
import { db } from "@/lib/platform/db/client";
import { setChatIdentitySecret } from "@/lib/features/settings/conversations/chat-identity-secret";
import { demoWorkspace } from "@/tests/support/factories";

const workspace = await demoWorkspace();
const chat = { workspaceSlug: workspace.slug, flowSlug: "retail-support" };
const secret = (await db().$transaction((tx) => setChatIdentitySecret(tx, workspace.id, true))).secret!;

const now = () => Math.floor(Date.now() / 1000);
function sign(claims: Record<string, unknown>, key = secret, lifetime = 3600, issuedAgo = 0) {
  const iat = now() - issuedAgo;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetime)
    .sign(new TextEncoder().encode(key));
}

async function startWith(identityToken: string) {
  switchBrowser(new CookieJar());
  const started = await startChat({ ...chat, identityToken });
  if (!started.ok) throw new Error(started.message);
  const conversation = await db().conversation.findUniqueOrThrow({ where: { id: started.data.conversationId } });
  const refused = await db().auditLog.findFirst({
    where: { workspaceId: workspace.id, action: "customer.identity_refused", resourceId: conversation.id },
  });
  return { conversation, refusal: (refused?.after as { reason?: string } | null)?.reason ?? null, started };
}

describe("the web chat's signed identity", () => {
  it("verifies a shopper signed in on the host site, who then reaches their own order without a question", async () => {
    const customer = await db().customer.findFirstOrThrow({ where: { workspaceId: workspace.id, ref: "C-1001" } });
    const order = await db().order.findFirstOrThrow({ where: { customerId: customer.id }, orderBy: { number: "asc" } });
    const { conversation, started } = await startWith(await sign({ sub: "C-1001" }));
    expect(conversation).toMatchObject({
      identityLevel: "verified",
      identityMethod: "signed_token",
      customerId: customer.id,
    });
    const sent = await sendChatMessage({
      ...chat,
      conversationId: started.data.conversationId,
      text: `Where is my order ${order.number}?`,
      sinceSeq: 0,
    });
    if (!sent.ok) throw new Error(sent.message);
    expect(sent.data.messages.map((m) => m.text).join(" ")).toMatch(new RegExp(`Order ${order.number}, placed on`));
  });

  it("creates a customer the workspace does not know yet when the token carries their e-mail", async () => {
    const { conversation } = await startWith(
      await sign({ sub: "SHOP-77", email: "new.shopper@example.com", name: "New Shopper" }),
    );
    const created = await db().customer.findFirstOrThrow({ where: { workspaceId: workspace.id, ref: "SHOP-77" } });
    expect(created.email).toBe("new.shopper@example.com");
    expect(conversation.customerId).toBe(created.id);
  });

  it.each([
    [
      "a token signed with another secret",
      () => sign({ sub: "C-1001" }, "sbid_not-the-workspace-secret-at-all-000"),
      "bad_signature",
    ],
    ["an expired token", () => sign({ sub: "C-1001" }, secret, 600, 3600), "expired"],
    ["a token valid for a week", () => sign({ sub: "C-1001" }, secret, 7 * 24 * 3600), "too_long_lived"],
    ["an unknown customer without an e-mail", () => sign({ sub: "C-9999" }), "unknown_customer"],
    ["a token that is not a JWT", async () => "not-a-token", "malformed"],
    [
      "an unsigned token (alg none)",
      async () =>
        `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ sub: "C-1001", iat: now(), exp: now() + 60 })).toString("base64url")}.`,
      "malformed",
    ],
  ])("leaves the visitor anonymous with %s", async (_what, token, reason) => {
    const { conversation, refusal } = await startWith(await token());
    expect(conversation.identityLevel).toBe("anonymous");
    expect(conversation.customerId).toBeNull();
    expect(refusal).toBe(reason);
  });

  it("refuses every token once the secret is turned off", async () => {
    const token = await sign({ sub: "C-1001" });
    await db().$transaction((tx) => setChatIdentitySecret(tx, workspace.id, false));
    try {
      const { conversation, refusal } = await startWith(token);
      expect(conversation.identityLevel).toBe("anonymous");
      expect(refusal).toBe("no_secret");
    } finally {
      await db().workspace.update({ where: { id: workspace.id }, data: { chatIdentitySecret: null } });
    }
  });
});
