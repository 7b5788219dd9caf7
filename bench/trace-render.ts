/**
 * Trace render benchmark: a conversation with 500 spans (runs, nodes, routing, LLM calls with retries, tools,
 * guardrails, an escalation; nested up to four levels over several turns) is written straight into the database, then
 * its console page is opened in Chromium, signed in, several times.
 *
 *   npx tsx bench/trace-render.ts
 *       starts its own production server exactly as `npm start` does (builds if needed; embedded Postgres, seeded
 *       demo) on BENCH_PORT (3463) with a throw-away data dir, and stops it afterwards. BENCH_DEV=1 uses `next dev`.
 *   BENCH_URL=… BENCH_EMAIL=… BENCH_PASSWORD=… BENCH_DATABASE_URL=postgresql://… npx tsx bench/trace-render.ts
 *       reuses a running server (the database URL must be able to write the demo workspace's tables).
 *   options (env): BENCH_SPANS=500, BENCH_TURNS=10, BENCH_RUNS=5, CHROMIUM_PATH=/usr/bin/chromium.
 *
 * Output: per load, navigation start → the trace view has every span row in the DOM (a
 * `performance.mark("sb-trace-rendered")` the component sets), then median and p95 of BENCH_RUNS loads (after one
 * warm-up load, so the server's first-request compilation is not counted). Target: median ≤ 1000 ms. Also the page's HTML
 * (decoded and as transferred) and the RSC payload a live refresh (router.refresh) downloads.
 */
import os from "node:os";
import { gzipSync } from "node:zlib";
import { quantile } from "@/bench/support/in-process-engine";
import { launchChromium, signIn, startBenchApp } from "@/bench/support/bench-app";
import { TURNS } from "@/bench/trace-render/config";
import { insertConversation } from "@/bench/trace-render/insert-conversation";
import { cpuReferenceNote } from "@/bench/support/cpu-reference";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 1000;
const MARK = "sb-trace-rendered";
/** The machine's 1-minute load average, printed beside every figure: on two shared cores it decides what they mean. */
const load = () => `load ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`;

async function main() {
  console.log(`Machine: ${os.cpus().length} cores, ${cpuReferenceNote()}.`);
  const app = await startBenchApp("trace", 3463);
  const browser = await launchChromium();
  try {
    if (!app.databaseUrl)
      throw new Error("Set BENCH_DATABASE_URL to insert the benchmark conversation into a running server's database.");
    const conversation = await insertConversation(app.databaseUrl);
    console.log(`Inserted conversation ${conversation.id} with ${conversation.spans} spans over ${TURNS} turns.`);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // tsx compiles this file with esbuild's keepNames, which wraps functions passed to page.evaluate in __name().
    await context.addInitScript("window.__name = (fn) => fn;");
    await signIn(context, app.url, app.email, app.password);

    const loads: number[] = [];
    let html = { decodedKb: 0, transferKb: 0 };
    for (let i = 0; i <= RUNS; i++) {
      const page = await context.newPage();
      await page.goto(`${app.url}/conversations/${conversation.id}`);
      await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, { timeout: 120_000 });
      const t = await page.evaluate((mark) => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        return {
          ttfb: nav.responseStart,
          dcl: nav.domContentLoadedEventEnd,
          rendered: performance.getEntriesByName(mark)[0].startTime,
          rows: document.querySelectorAll("[data-span-row]").length,
          htmlKb: nav.decodedBodySize / 1024,
          transferKb: nav.transferSize / 1024,
        };
      }, MARK);
      if (t.rows !== conversation.spans)
        throw new Error(`The trace shows ${t.rows} span rows, expected ${conversation.spans}.`);
      const label = i === 0 ? "warm-up" : `load ${i}`;
      console.log(
        `  ${label}: first byte ${Math.round(t.ttfb)} ms, DOMContentLoaded ${Math.round(t.dcl)} ms, trace rendered ${Math.round(t.rendered)} ms (${t.rows} rows, HTML ${Math.round(t.htmlKb)} KB; ${load()})`,
      );
      if (i > 0) loads.push(t.rendered);
      html = { decodedKb: t.htmlKb, transferKb: t.transferKb };
      await page.close();
    }
    // What a live refresh downloads: the page's RSC payload (the router asks for it with the RSC header).
    const refresh = await (
      await context.request.get(`${app.url}/conversations/${conversation.id}`, { headers: { RSC: "1" } })
    ).body();
    console.log(
      `page HTML: ${Math.round(html.decodedKb)} KB decoded, ${Math.round(html.transferKb)} KB transferred; ` +
        `live-refresh RSC payload: ${Math.round(refresh.length / 1024)} KB (${Math.round(gzipSync(refresh).length / 1024)} KB gzipped)`,
    );
    const median = quantile(loads, 0.5);
    const p95 = quantile(loads, 0.95);
    console.log(
      `trace render ms over ${loads.length} loads: median ${Math.round(median)}, p95 ${Math.round(p95)} (${load()})   (target: median ≤ ${TARGET_MS} ms: ${median <= TARGET_MS ? "met" : "NOT met"})`,
    );
  } finally {
    await browser.close();
    app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
