// The address a request came from, for per-client limits. Route handlers pass `request.headers`; server actions pass
// `await headers()` from next/headers.
//
// Next.js fills X-Forwarded-For with the connection's peer only when the request has none, so a client that talks to
// the app directly can name any address it likes there. Hence TRUST_PROXY: the number of reverse proxies in front of
// the app that append to X-Forwarded-For. With N of them the client is the N-th entry from the right (what the
// nearest proxy saw; anything further left is the client's own claim); with 0, the right-most entry (the peer Next.js
// recorded, unless the client sent the header itself). X-Real-IP is not read: Next.js always fills X-Forwarded-For,
// and a client talking to the app directly could set X-Real-IP as freely.
import { config } from "@/lib/platform/config";

const UNKNOWN = "unknown";

function normalize(raw: string | undefined | null): string | null {
  let value = raw?.trim();
  if (!value) return null;
  // "[v6]:port" or "[v6]", "v4:port", and v4 written as IPv6 ("::ffff:1.2.3.4") are one address each.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.toLowerCase().replace(/^::ffff:(\d{1,3}(\.\d{1,3}){3})$/, "$1");
  return value.length <= 64 ? value : null;
}

export function clientAddress(headers: Headers, trustedProxies: number = config().TRUST_PROXY): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (trustedProxies <= 0) return normalize(forwarded.at(-1)) ?? UNKNOWN;
  const hop = forwarded.length >= trustedProxies ? forwarded[forwarded.length - trustedProxies] : forwarded[0];
  return normalize(hop) ?? UNKNOWN;
}
