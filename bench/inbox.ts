/**
 * Inbox benchmark: the Inbox and Live at scale, and search over transcripts, customers and order numbers.
 *
 *   npm run bench:inbox      (= npx tsx bench/inbox.ts)
 *       starts its own production server exactly as `npm start` does (builds if needed; embedded Postgres, seeded
 *       demo) on BENCH_PORT (3466) with a throw-away data dir, seeds the benchmark's data into the demo workspace in
 *       bulk SQL (bench/inbox/seed-inbox.ts), measures, and stops everything afterwards.
 *   options (env): BENCH_CONVERSATIONS=100000, BENCH_ESCALATIONS=10000 (open), BENCH_CUSTOMERS=5000, BENCH_RUNS=20.
 *
 * Every figure is one signed-in HTTP client's request → the whole response body received (the server's work plus
 * the transfer on localhost; no browser rendering), median and p95 of BENCH_RUNS requests after one warm-up, with the
 * machine's 1-minute load average when the figure was taken (2 cores shared with whatever else runs: compare figures
 * only at similar loads). Targets: first render ≤ 1 s, search p95 ≤ 300 ms, for Live's rows route and for the
 * Inbox's search alike (the Inbox searches with a GET form, so its search is its page with ?q=).
 */
import os from "node:os";
import { startBenchApp } from "@/bench/support/bench-app";
import { printFigures, signedInClient, time, type Figure } from "@/bench/inbox/measure";
import { seedInbox } from "@/bench/inbox/seed-inbox";
import { cpuReferenceNote } from "@/bench/support/cpu-reference";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const ESCALATIONS = Number(process.env.BENCH_ESCALATIONS ?? 10_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const RENDER_TARGET_MS = 1000;
const SEARCH_TARGET_MS = 300;

/** A page whose HTML shows the benchmark's rows (it rendered its data, not an error or an empty state). */
const shows = (idPrefix: string) => (body: string) =>
  body.includes(idPrefix) ? null : `no ${idPrefix}… row in the HTML`;

async function main() {
  console.log(`Machine: ${os.cpus().length} cores, ${cpuReferenceNote()}.`);
  const app = await startBenchApp("inbox", 3466);
  try {
    if (!app.databaseUrl) throw new Error("Set BENCH_DATABASE_URL to seed a running server's database.");
    console.log(
      `Seeding ${CONVERSATIONS.toLocaleString("en")} conversations (${ESCALATIONS.toLocaleString("en")} with an open escalation) and ${CUSTOMERS.toLocaleString("en")} customers…`,
    );
    const started = Date.now();
    const seed = await seedInbox(app.databaseUrl, {
      conversations: CONVERSATIONS,
      escalations: ESCALATIONS,
      customers: CUSTOMERS,
      log: (line) => console.log(line),
    });
    console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    const client = await signedInClient(app.url, app.email, app.password);
    const { orderNumber, email, commonWord, rareWord, missing } = seed.samples;
    const q = (text: string) => encodeURIComponent(text);

    const renders: Figure[] = [];
    const render = async (label: string, path: string, idPrefix: string, note: string) => {
      const t = await time(client, path, RUNS, shows(idPrefix));
      renders.push({ label, ...t, targetMs: RENDER_TARGET_MS, note });
    };
    await render(
      "Inbox first render",
      "/inbox",
      "bench-inbox-esc-",
      "GET /inbox HTML: session, queue of 500 + resolved 50, facets, shell",
    );
    await render(
      "Live first render",
      "/live",
      "bench-inbox-conv-",
      "GET /live HTML: session, newest 100 of all, count to 10,001, filters",
    );
    printFigures(`First render (${RUNS} requests each)`, renders);

    const searches: Figure[] = [];
    // The Inbox searches with a GET form: its search is the whole page again, so it is held to the search target.
    for (const [label, text] of [
      ["Inbox, common word", commonWord],
      ["Inbox, order number", orderNumber],
    ]) {
      const t = await time(client, `/inbox?q=${q(text)}`, RUNS, shows("bench-inbox-esc-"));
      searches.push({
        label,
        ...t,
        targetMs: SEARCH_TARGET_MS,
        note: `GET /inbox?q=${text} HTML: the page with the matching queue (up to 500), resolved 50, facets, shell`,
      });
    }
    const search = async (label: string, text: string, expectRows: boolean) => {
      const t = await time(client, `/api/console/live/rows?q=${q(text)}`, RUNS, (body) => {
        const page = JSON.parse(body) as { rows: unknown[] };
        return expectRows === page.rows.length > 0 ? null : `expected ${expectRows ? "matches" : "none"}`;
      });
      searches.push({
        label,
        ...t,
        targetMs: SEARCH_TARGET_MS,
        note: `q=${text}: the Live rows route: session, search, first 100 matches with their rows, count to 10,001`,
      });
    };
    await search("order number", orderNumber, true);
    await search("e-mail", email, true);
    await search("word, common", commonWord, true);
    await search("word, rare", rareWord, true);
    await search("no match", missing, false);
    printFigures(`Search (${RUNS} requests each)`, searches);
    console.log(
      `\n${os.cpus().length} cores; load average (1, 5, 15 min) at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(", ")}`,
    );
    await client.dispose();
  } finally {
    app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
