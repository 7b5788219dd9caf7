/**
 * Canvas designer benchmark: opens a generated 500-node / 600-edge flow in the editor and prints how long it takes
 * to render, and the frame rate while panning the canvas and while dragging a node.
 *
 *   npx tsx bench/canvas.ts
 *       starts its own production server exactly as `npm start` does (builds if needed; embedded Postgres, seeded
 *       demo) on BENCH_PORT (3460) with a throw-away data dir, and stops it afterwards. BENCH_DEV=1 uses `next dev`
 *       instead (slower React: an upper bound).
 *   BENCH_URL=http://localhost:3000 BENCH_EMAIL=admin@acme.test BENCH_PASSWORD=… npx tsx bench/canvas.ts
 *       reuses a running server (e.g. `npm start`, a production build) and signs in with those credentials.
 *   Pan and drag are measured twice: at the editor's opening view (large flows open at 80% zoom on their Start node,
 *       rendering only visible nodes) and with the whole flow zoomed to fit (all 500 nodes and 600 edges painted).
 *       BENCH_ZOOM=open or BENCH_ZOOM=fit (or BENCH_FIT=1) measures only one of them.
 *   BENCH_PROFILE=1 also prints the hottest JS functions while dragging (CPU profile, self time).
 *   BENCH_TRACE=1 also prints where the main thread spent the pan (Chrome trace events, top 25).
 *   The generated flow is brought in through Flows → Import as a new flow (nothing existing is touched).
 *   options (env): BENCH_NODES=500, BENCH_EDGES=600, BENCH_RUNS=3,
 *       BENCH_SECONDS=3, CHROMIUM_PATH=/usr/bin/chromium.
 *
 * Output: load ms (median of BENCH_RUNS, navigation start → the canvas has painted its measured nodes, from a
 * `performance.mark("sb-canvas-ready")` the canvas sets), pan fps and drag fps (requestAnimationFrame count over
 * BENCH_SECONDS of continuous mouse movement, one pointer move per frame, as a real mouse gives a page; the number of
 * moves made is printed beside each). Targets: load ≤ 1500 ms, ≥ 50 fps.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, type Page } from "@playwright/test";
import { launchChromium, signIn, startBenchApp } from "./support/bench-app";
import { measureCase, viewportZoom, type CaseResult } from "./support/canvas-measure";
import { generateGraph } from "./support/canvas-graph";
import { toFlowFile } from "@/lib/model/flow/flow-file";

const NODES = Number(process.env.BENCH_NODES ?? 500);
const EDGES = Number(process.env.BENCH_EDGES ?? 600);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const VIEWPORT = { width: 1440, height: 900 };

// ---- browser helpers ----

/** Dev servers push rebuild/reload messages whenever any file in the repo changes; a benchmark must not reload. */
async function quietDevReloads(context: BrowserContext) {
  const drop = new Set([
    "turbopack-message",
    "serverComponentChanges",
    "reloadPage",
    "building",
    "built",
    "addedPage",
    "removedPage",
  ]);
  await context.routeWebSocket(/_next\/webpack-hmr|_next\/hmr|turbopack-hmr/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      try {
        if (drop.has(JSON.parse(String(message)).type)) return;
      } catch {}
      ws.send(message);
    });
    ws.onMessage((message) => server.send(message));
  });
}

async function openEditor(page: Page, url: string, flowId: string): Promise<number> {
  await page.goto(`${url}/flows/${flowId}/edit`);
  await page.waitForSelector("[data-testid=flow-canvas][data-ready=true]", { timeout: 120_000 });
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return {
      ttfb: nav.responseStart,
      html: nav.responseEnd,
      dcl: nav.domContentLoadedEventEnd,
      ready: performance.getEntriesByName("sb-canvas-ready")[0]?.startTime ?? NaN,
    };
  });
  console.log(
    `  load: first byte ${Math.round(t.ttfb)} ms, HTML ${Math.round(t.html)} ms, DOMContentLoaded ${Math.round(t.dcl)} ms, canvas ready ${Math.round(t.ready)} ms`,
  );
  return t.ready;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const app = await startBenchApp("canvas", 3460);
  const { url, email, password } = app;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await quietDevReloads(context);
    // tsx compiles this file with esbuild's keepNames, which wraps functions passed to page.evaluate in __name().
    await context.addInitScript("window.__name = (fn) => fn;");
    await signIn(context, url, email, password);
    const page = await context.newPage();

    // 1. Bring the generated graph in as a new flow, the way a person would: Flows → Import of a .flow.json file.
    const graph = generateGraph(NODES, EDGES);
    const slug = `bench-canvas-${Date.now().toString(36)}`;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-file-")), `${slug}.flow.json`);
    writeFileSync(
      file,
      JSON.stringify(
        toFlowFile({
          name: `Canvas benchmark ${NODES}/${EDGES}`,
          slug,
          description: "Generated by bench/canvas.ts",
          graph,
        }),
      ),
    );
    console.log(
      `Importing a generated flow of ${graph.nodes.length} nodes / ${graph.edges.length} edges as "${slug}"…`,
    );
    await page.goto(`${url}/flows`);
    await page.getByTestId("import-input").setInputFiles(file);
    await page.waitForURL(/\/flows\/[^/]+\/edit/, { timeout: 120_000 });
    const flowId = new URL(page.url()).pathname.split("/")[2];

    // 2. Load time, median of RUNS fresh navigations.
    const loads: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const fresh = await context.newPage();
      loads.push(await openEditor(fresh, url, flowId));
      const count = await fresh.getAttribute("[data-testid=flow-canvas]", "data-node-count");
      if (Number(count) !== graph.nodes.length)
        throw new Error(`The editor shows ${count} nodes, expected ${graph.nodes.length}.`);
      if (i < RUNS - 1) await fresh.close();
      else {
        await page.close();
        await measureInteraction(fresh, loads);
      }
    }
  } finally {
    await browser.close();
    app.stop();
  }
}

/**
 * Waits until the fit has finished: the zoom has stopped changing and the nodes are in the DOM. Mounting 500 overview
 * cards mid-animation can block the page for over a second on a busy machine; measuring then would measure a
 * half-fitted view.
 */
async function settledZoom(page: Page) {
  const zoom = () => viewportZoom(page);
  let last = await zoom();
  let same = 0;
  for (let i = 0; i < 60 && same < 2; i++) {
    await page.waitForTimeout(250);
    const now = await zoom();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  // The overview's picture is drawn once the canvas has been idle for a moment (overview-snapshot.tsx).
  await page.waitForTimeout(800);
}

/** Pan and drag at the editor's opening view (zoomed in, only visible nodes rendered), then fitted (press F). */
async function measureInteraction(page: Page, loads: number[]) {
  await page.waitForTimeout(500);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const zoomCase = process.env.BENCH_ZOOM ?? (process.env.BENCH_FIT ? "fit" : "both");
  const results: [string, CaseResult][] = [];
  if (zoomCase !== "fit") results.push(["zoomed in", await measureCase(page, cdp, SECONDS)]);
  if (zoomCase !== "open") {
    // Worst case: the whole flow on screen, every node and edge painted.
    await page.keyboard.press("f");
    await settledZoom(page);
    results.push(["fitted", await measureCase(page, cdp, SECONDS)]);
  }

  console.log("");
  console.log(
    `load ms (median of ${loads.length}): ${Math.round(median(loads))}   [${loads.map((l) => Math.round(l)).join(", ")}]`,
  );
  for (const [name, r] of results) {
    console.log(`${name} (zoom ${r.zoom.toFixed(2)}, ${r.nodesInDom} nodes in the DOM):`);
    console.log(
      `  pan fps: ${r.pan.toFixed(1)}   (${r.panMoves} pointer moves; main thread over ${SECONDS}s: ${r.panCpu})`,
    );
    console.log(
      `  drag fps: ${r.drag.toFixed(1)}   (${r.dragMoves} pointer moves; main thread over ${SECONDS}s: ${r.dragCpu})`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
