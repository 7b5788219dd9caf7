// An invitation's link: /invite/<token>, a random bearer token of which only the SHA-256 is stored, open for a week.
// Shared by the admin's side (Settings → Members issues and re-issues links) and the person's side (the accept page).
import "server-only";
import { generateBearerToken, hashBearerToken } from "@/lib/platform/crypto/bearer-token";

export const INVITATION_TTL_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What generateBearerToken makes; anything else is refused before the database is asked. */
export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The sentence for every link that does not open an invitation: unknown, expired, revoked or already used alike. */
export const INVALID_INVITATION_MESSAGE = "This invitation link is not valid any more; ask your admin for a new one.";

export type IssuedToken = { token: string; tokenHash: string; expiresAt: Date };

export function issueInvitationToken(now = new Date()): IssuedToken {
  const token = generateBearerToken();
  return {
    token,
    tokenHash: hashBearerToken(token),
    expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS),
  };
}

/** The path of the accept page; the admin's browser puts its origin in front. */
export function invitationPath(token: string): string {
  return `/invite/${token}`;
}

/** The stored hash to look a presented token up by, or null for something that cannot be a token. */
export function invitationTokenHash(token: string): string | null {
  return INVITATION_TOKEN_PATTERN.test(token) ? hashBearerToken(token) : null;
}

/** Pending: neither accepted nor revoked. Open: pending and not expired, so the link still works. */
export const PENDING = { acceptedAt: null, revokedAt: null } as const;
export function openWhere(now: Date) {
  return { ...PENDING, expiresAt: { gt: now } };
}
