// A tool's per-minute limit across a workspace, counted so that no turn holds a lock for it: the counter row is
// updated in a statement of its own on the side pool (committed at once), where counting ToolCallLog rows under an
// advisory lock held every caller of the tool until the previous caller's whole turn had committed. The minute
// slides: the previous fixed window counts in proportion to how much of it the last 60 s still cover.
import "server-only";
import { sidePool } from "@/lib/platform/db/side-pool";

const WINDOW_MS = 60_000;

/**
 * Takes one call from the limit if there is room and answers whether there was. A call taken by a turn that then
 * rolls back stays counted: the limit protects the tool, so it errs towards fewer calls.
 */
export async function takeToolCall(key: string, perMinute: number): Promise<boolean> {
  const now = Date.now();
  const windowStart = new Date(Math.floor(now / WINDOW_MS) * WINDOW_MS);
  const previousWeight = 1 - (now - windowStart.getTime()) / WINDOW_MS;
  const { rows } = await sidePool().query<{ taken: boolean }>({
    name: "take-tool-call",
    text: `
      INSERT INTO "ToolRateCounter" AS c (key, "windowStart", calls, "prevCalls") VALUES ($1, $2, 1, 0)
      ON CONFLICT (key) DO UPDATE SET
        "prevCalls" = CASE WHEN c."windowStart" = $2 THEN c."prevCalls"
                           WHEN c."windowStart" = $2::timestamp - interval '1 minute' THEN c.calls ELSE 0 END,
        calls = CASE WHEN c."windowStart" = $2 THEN c.calls ELSE 0 END + 1,
        "windowStart" = $2
      WHERE (CASE WHEN c."windowStart" = $2 THEN c.calls ELSE 0 END)
          + (CASE WHEN c."windowStart" = $2 THEN c."prevCalls"
                  WHEN c."windowStart" = $2::timestamp - interval '1 minute' THEN c.calls ELSE 0 END) * $3::float8
          < $4
      RETURNING true AS taken`,
    values: [key, windowStart.toISOString().replace("Z", ""), previousWeight, perMinute],
  });
  return rows.length === 1;
}
