// Webhook signatures: `Switchboard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
// The timestamp is signed with the body, so a captured request cannot be replayed after the tolerance window. A
// header may carry several v1 values (while a secret is being rotated, one per secret); any match verifies.
// Pure node:crypto, no server-only: receivers (and the tests' receiver) use the same code.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Switchboard-Signature";
export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmacHex(secret: string, timestamp: number, rawBody: string | Buffer): string {
  const hmac = createHmac("sha256", secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return hmac.digest("hex");
}

/** The header value for `rawBody` signed at `timestamp` (unix seconds; now when omitted). */
export function signPayload(
  secret: string,
  rawBody: string | Buffer,
  timestamp: number = Math.floor(Date.now() / 1000),
): string {
  if (!Number.isInteger(timestamp) || timestamp < 0)
    throw new Error("The signature timestamp must be whole unix seconds.");
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, rawBody)}`;
}

/** Splits a header into its timestamp and v1 signatures; null when it is malformed. */
export function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t") {
      if (!/^\d{1,12}$/.test(value) || timestamp !== null) return null;
      timestamp = Number(value);
    } else if (key === "v1" && /^[0-9a-f]{64}$/i.test(value)) {
      signatures.push(value.toLowerCase());
    }
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Whether `header` is a valid signature of `rawBody` (the bytes exactly as received, before any JSON parsing) with
 * `secret` (or any of several, during a rotation), signed within `toleranceSeconds` of now. Comparisons are
 * constant-time.
 */
export function verifySignature(
  secret: string | readonly string[],
  header: string | null | undefined,
  rawBody: string | Buffer,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): boolean {
  if (!header) return false;
  const parsed = parseSignatureHeader(header);
  if (!parsed) return false;
  if (Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) return false;
  const secrets = (typeof secret === "string" ? [secret] : [...secret]).filter((s) => s.length > 0);
  let matched = false;
  for (const candidate of secrets) {
    const expected = Buffer.from(hmacHex(candidate, parsed.timestamp, rawBody), "hex");
    for (const signature of parsed.signatures) {
      // Every pair is compared (no early exit), so timing says nothing about which one matched.
      if (timingSafeEqual(expected, Buffer.from(signature, "hex"))) matched = true;
    }
  }
  return matched;
}
