// The one rate limiter: an API key's quota, a client address, a conversation, for the public API and the web chat
// alike. A generic cell rate algorithm (a token bucket kept as one timestamp per key): `limit` requests at once, then
// one every `windowMs / limit`, with the exact wait when refused.
//
// Per process, in memory: a check costs no database round trip, and a flood of refused requests writes nothing. The
// buckets live on globalThis so that every bundle of the one Next.js server (route handlers, server actions) shares
// them, and are bounded: past MAX_KEYS, full buckets go first, then the longest unused.
import ipaddr from "ipaddr.js";
import { AppError } from "@/lib/model/errors";

export type RateRule = {
  /** Names the buckets (and the log line of a refusal): "api.address", "chat.starts", … */
  name: string;
  /** Requests per window; 0 turns the rule off. */
  limit: number;
  windowMs: number;
};

/** What the X-RateLimit-* headers report. */
export type RateState = { limit: number; remaining: number; resetAt: Date };

export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, options: { message: string; userMessage: string }) {
    super("RATE_LIMITED", options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const MAX_KEYS = 50_000;

type Table = {
  /** key → the bucket's theoretical arrival time (ms): the bucket is full again at that moment. */
  due: Map<string, number>;
  /** key → until when further refusals are not logged again. */
  quietUntil: Map<string, number>;
};

const store = globalThis as unknown as { switchboardRateLimits?: Map<string, Table> };

function table(name: string): Table {
  store.switchboardRateLimits ??= new Map();
  let found = store.switchboardRateLimits.get(name);
  if (!found) {
    found = { due: new Map(), quietUntil: new Map() };
    store.switchboardRateLimits.set(name, found);
  }
  return found;
}

function bound(map: Map<string, number>, now: number): void {
  if (map.size <= MAX_KEYS) return;
  for (const [key, until] of map) if (until <= now) map.delete(key);
  // Insertion order is last-use order (every update re-inserts), so what is left first is the longest unused.
  for (const key of map.keys()) {
    if (map.size <= MAX_KEYS * 0.9) break;
    map.delete(key);
  }
}

export type RateDecision = RateState & { allowed: boolean; retryAfterSeconds: number; firstRefusal: boolean };

/** Counts one request for `key` under `rule`, unless it is refused (a refusal uses nothing up). */
export function takeRate(rule: RateRule, key: string, now = Date.now()): RateDecision {
  if (rule.limit <= 0) {
    return { allowed: true, limit: 0, remaining: 0, resetAt: new Date(now), retryAfterSeconds: 0, firstRefusal: false };
  }
  const { due, quietUntil } = table(rule.name);
  const interval = rule.windowMs / rule.limit;
  const next = Math.max(due.get(key) ?? now, now) + interval;
  const allowedFrom = next - rule.windowMs;
  if (now < allowedFrom) {
    const firstRefusal = (quietUntil.get(key) ?? 0) <= now;
    if (firstRefusal) {
      quietUntil.delete(key);
      quietUntil.set(key, allowedFrom);
      bound(quietUntil, now);
    }
    return {
      allowed: false,
      limit: rule.limit,
      remaining: 0,
      resetAt: new Date(next - interval),
      retryAfterSeconds: Math.max(1, Math.ceil((allowedFrom - now) / 1000)),
      firstRefusal,
    };
  }
  due.delete(key);
  due.set(key, next);
  bound(due, now);
  return {
    allowed: true,
    limit: rule.limit,
    remaining: Math.max(0, Math.floor((now + rule.windowMs - next) / interval)),
    resetAt: new Date(next),
    retryAfterSeconds: 0,
    firstRefusal: false,
  };
}

/**
 * takeRate, throwing RateLimitedError (429, `Retry-After`) when refused. Refusals are not audited (a flood would
 * become a flood of writes); the first of each episode is logged.
 */
export function enforceRate(
  rule: RateRule,
  key: string,
  describe: (retryAfterSeconds: number) => { message: string; userMessage: string },
  now = Date.now(),
): RateState {
  const decision = takeRate(rule, key, now);
  if (decision.allowed) return { limit: decision.limit, remaining: decision.remaining, resetAt: decision.resetAt };
  const text = describe(decision.retryAfterSeconds);
  if (decision.firstRefusal) console.warn(`[rate-limit] ${rule.name} ${key}: ${text.message}`);
  throw new RateLimitedError(decision.retryAfterSeconds, text);
}

/**
 * The bucket key of a client address: an IPv6 client usually holds a whole /64, so that prefix counts as one client.
 */
export function addressKey(address: string): string {
  if (!ipaddr.IPv6.isValid(address) || ipaddr.IPv4.isValid(address)) return address;
  const parsed = ipaddr.IPv6.parse(address);
  if (parsed.isIPv4MappedAddress()) return parsed.toIPv4Address().toString();
  return `${parsed.parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(":")}::/64`;
}

/** Empties every bucket (tests). */
export function resetRateLimits(): void {
  store.switchboardRateLimits?.clear();
}
