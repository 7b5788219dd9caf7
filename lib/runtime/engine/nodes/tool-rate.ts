// A tool's per-minute limit across a workspace, counted so that no turn holds a lock for it: the counter row is
// updated in a statement of its own on the side pool (committed at once), where counting ToolCallLog rows under an
// advisory lock held every caller of the tool until the previous caller's whole turn had committed. The minute
// slides: the previous fixed window counts in proportion to how much of it the last 60 s still cover.
//
// A process takes calls from the row in batches of 1% of the limit and spends them itself within that minute. A busy
// tool's row is then written once per batch instead of once per call (every order lookup of every process was a
// write to one row), and a limit under 200 a minute is still counted call by call. The row counts the calls a process
// took but did not spend (at most a batch less one, per process, per minute), so a busy tool may be refused slightly
// early, never late.
import "server-only";
import { sidePool } from "@/lib/platform/db/side-pool";

const WINDOW_MS = 60_000;

/** How many calls a process takes from the row at once. */
export const batchOf = (perMinute: number) => Math.max(1, Math.floor(perMinute / 100));

type Lease = { windowStart: number; perMinute: number; left: number };
const leases = new Map<string, Lease>();
/** One grant in flight per key: callers arriving meanwhile wait for its batch instead of taking their own. */
const granting = new Map<string, Promise<number>>();

/**
 * Takes one call from the limit if there is room and answers whether there was. A call taken by a turn that then
 * rolls back stays counted: the limit protects the tool, so it errs towards fewer calls.
 */
export async function takeToolCall(key: string, perMinute: number): Promise<boolean> {
  const batch = batchOf(perMinute);
  if (batch === 1) return (await grant(key, perMinute, 1)) === 1;
  for (;;) {
    const windowStart = windowOf(Date.now());
    const lease = leases.get(key);
    if (lease && lease.windowStart === windowStart && lease.perMinute === perMinute && lease.left > 0) {
      lease.left--;
      return true;
    }
    const inFlight = granting.get(key);
    if (inFlight) {
      await inFlight;
      continue;
    }
    const request = grant(key, perMinute, batch)
      .then((granted) => {
        leases.set(key, { windowStart, perMinute, left: granted });
        return granted;
      })
      .finally(() => granting.delete(key));
    granting.set(key, request);
    if ((await request) === 0) return false;
  }
}

const windowOf = (ms: number) => Math.floor(ms / WINDOW_MS) * WINDOW_MS;

/**
 * Takes up to `wanted` calls from the row and answers how many it took: as many as fit below the limit, counting the
 * previous minute's calls in proportion. The row is locked first, so concurrent grants count one after the other.
 */
async function grant(key: string, perMinute: number, wanted: number, attempt = 1): Promise<number> {
  const now = Date.now();
  const windowStart = windowOf(now);
  const previousWeight = 1 - (now - windowStart) / WINDOW_MS;
  const { rows } = await sidePool().query<{ granted: number; found: boolean }>({
    name: "grant-tool-calls",
    text: `
      WITH cur AS (
        SELECT calls, "prevCalls", "windowStart" FROM "ToolRateCounter" WHERE key = $1 FOR UPDATE
      ), counted AS (
        SELECT cur."windowStart" IS NOT NULL AS found,
               CASE WHEN cur."windowStart" = $2 THEN cur.calls ELSE 0 END AS base,
               CASE WHEN cur."windowStart" = $2 THEN cur."prevCalls"
                    WHEN cur."windowStart" = $2::timestamp - interval '1 minute' THEN cur.calls ELSE 0 END AS prev
        FROM (SELECT 1) AS one LEFT JOIN cur ON true
      ), g AS (
        SELECT found, base, prev,
               GREATEST(0, LEAST($5::int, ceil($4::float8 - base - prev * $3::float8)))::int AS granted
        FROM counted
      ), updated AS (
        UPDATE "ToolRateCounter" t SET calls = g.base + g.granted, "prevCalls" = g.prev, "windowStart" = $2
        FROM g WHERE t.key = $1 AND g.found AND g.granted > 0
        RETURNING g.granted
      ), inserted AS (
        INSERT INTO "ToolRateCounter" (key, "windowStart", calls, "prevCalls")
        SELECT $1, $2, g.granted, 0 FROM g WHERE NOT g.found AND g.granted > 0
        ON CONFLICT (key) DO NOTHING
        RETURNING calls AS granted
      )
      SELECT coalesce((SELECT granted FROM updated), (SELECT granted FROM inserted), 0) AS granted,
             (SELECT found FROM g) AS found`,
    values: [key, new Date(windowStart).toISOString().replace("Z", ""), previousWeight, perMinute, wanted],
  });
  const [{ granted, found }] = rows;
  // A first call that raced another process creating the row: the row exists now, so count against it.
  if (granted === 0 && !found && attempt === 1) return grant(key, perMinute, wanted, 2);
  return granted;
}
