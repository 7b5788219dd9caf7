// The one place that decides which address a request came from (the sign-in throttle counts per address).
//
// Next.js puts the socket's peer in X-Forwarded-For only when the request has none (`??=`), and each reverse proxy
// appends the peer it saw. So with N trusted proxies in front, the client is the N-th entry from the right: entries
// further left are whatever the client sent. With none, the last entry is the peer for an honest client, but a client
// talking to the app directly can write the header itself; deployments on the internet belong behind a proxy with
// SWITCHBOARD_TRUSTED_PROXY_HOPS set (README, Sign-in and sessions).
import { isIP } from "node:net";
import { config } from "@/lib/platform/config";

export type RequestHeaders = Headers | Record<string, string | string[] | undefined>;

function header(headers: RequestHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** An address as written in a header ("1.2.3.4:5678", "[::1]:80", "::ffff:1.2.3.4") → the bare address, or null. */
export function normalizeAddress(raw: string): string | null {
  let address = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  if (v4WithPort) address = v4WithPort[1];
  if (address.startsWith("::ffff:") && isIP(address.slice(7)) === 4) address = address.slice(7);
  return isIP(address) ? address : null;
}

/** The client's address, or null when the headers do not say (the caller then counts nothing per address). */
export function clientAddress(
  headers: RequestHeaders,
  trustedProxyHops: number = config().SWITCHBOARD_TRUSTED_PROXY_HOPS,
): string | null {
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies means a proxy did not add one: the leftmost is the closest guess left.
  const hop = Math.max(1, trustedProxyHops);
  const entry = forwarded.length >= hop ? forwarded[forwarded.length - hop] : forwarded[0];
  const fromForwarded = entry ? normalizeAddress(entry) : null;
  if (fromForwarded) return fromForwarded;
  // Set by proxies configured the nginx way; only believed when the deployment says a proxy is there.
  const real = trustedProxyHops > 0 ? header(headers, "x-real-ip") : undefined;
  return real ? normalizeAddress(real) : null;
}
