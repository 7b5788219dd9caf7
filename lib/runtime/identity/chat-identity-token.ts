// The host site's word for who a web chat visitor is: a JWT (HS256) it signs with the workspace's chat identity
// secret, like the identity verification of the chat widgets operators already use. A valid token makes the
// conversation's customer verified without a question; anything else leaves it anonymous, and says why in the audit.
import "server-only";
import { errors, jwtVerify } from "jose";
import { z } from "zod";
import type { Tx } from "@/lib/platform/db/client";
import { decryptSecret } from "@/lib/platform/crypto/secret-box";

/** A token longer-lived than this is refused: a leaked one must not open an account for days. */
export const MAX_TOKEN_LIFETIME_S = 24 * 60 * 60;
const MAX_TOKEN_LENGTH = 4096;

const claims = z.object({
  /** The customer's reference in this workspace (e.g. C-1001). */
  sub: z.string().trim().min(1).max(100),
  /** With an e-mail, a customer the workspace does not know yet is created (the host site vouches for them). */
  email: z.string().trim().toLowerCase().email().max(320).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  iat: z.number(),
  exp: z.number(),
});

export type IdentityTokenRefusal =
  "no_secret" | "malformed" | "bad_signature" | "expired" | "too_long_lived" | "unknown_customer";
export type IdentityTokenResult =
  { ok: true; customerId: string; ref: string } | { ok: false; reason: IdentityTokenRefusal };

export async function verifyChatIdentityToken(
  tx: Tx,
  workspaceId: string,
  token: string,
): Promise<IdentityTokenResult> {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: "malformed" };
  const workspace = await tx.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { chatIdentitySecret: true },
  });
  if (!workspace.chatIdentitySecret) return { ok: false, reason: "no_secret" };
  const key = new TextEncoder().encode(decryptSecret(workspace.chatIdentitySecret));
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      requiredClaims: ["sub", "iat", "exp"],
      clockTolerance: 30,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired" };
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: "bad_signature" };
    return { ok: false, reason: "malformed" };
  }
  const parsed = claims.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  const { sub, email, name, iat, exp } = parsed.data;
  if (exp - iat > MAX_TOKEN_LIFETIME_S) return { ok: false, reason: "too_long_lived" };
  const known = await tx.customer.findUnique({
    where: { workspaceId_ref: { workspaceId, ref: sub } },
    select: { id: true },
  });
  if (known) return { ok: true, customerId: known.id, ref: sub };
  if (!email) return { ok: false, reason: "unknown_customer" };
  const taken = await tx.customer.findUnique({
    where: { workspaceId_email: { workspaceId, email } },
    select: { id: true },
  });
  // An e-mail already on another customer's record is not the host site's to reassign.
  if (taken) return { ok: false, reason: "unknown_customer" };
  const created = await tx.customer.create({
    data: { workspaceId, ref: sub, email, name: name ?? email },
    select: { id: true },
  });
  return { ok: true, customerId: created.id, ref: sub };
}
