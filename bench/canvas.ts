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
 *   BENCH_FIT=1 measures pan/drag with the whole flow zoomed to fit (all 500 nodes painted) instead of the
 *       editor's opening view (large flows open at 80% zoom on their Start node, rendering only visible nodes).
 *   BENCH_PROFILE=1 also prints the hottest JS functions while dragging (CPU profile, self time).
 *   BENCH_TRACE=1 also prints where the main thread spent the pan (Chrome trace events, top 25).
 *   The generated flow is brought in through Flows → Import as a new flow (nothing existing is touched).
 *   options (env): BENCH_NODES=500, BENCH_EDGES=600, BENCH_RUNS=3,
 *       BENCH_SECONDS=3, CHROMIUM_PATH=/usr/bin/chromium.
 *
 * Output: load ms (median of BENCH_RUNS, navigation start → the canvas has painted its measured nodes, from a
 * `performance.mark("sb-canvas-ready")` the canvas sets), pan fps and drag fps (requestAnimationFrame count over
 * BENCH_SECONDS of continuous mouse movement). Targets: load ≤ 1500 ms, ≥ 50 fps.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, type Page } from "@playwright/test";
import { launchChromium, signIn, startBenchApp } from "./support/bench-app";
import { nodeOutputs, NODE_KINDS } from "@/lib/model/flow/registry";
import { toFlowFile } from "@/lib/model/flow/flow-file";
import { flowGraphSchema, type FlowGraph, type FlowGraphInput, type NodeKind } from "@/lib/model/flow/schema";

const NODES = Number(process.env.BENCH_NODES ?? 500);
const EDGES = Number(process.env.BENCH_EDGES ?? 600);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const VIEWPORT = { width: 1440, height: 900 };

// ---- the generated graph ----

/** A layered graph: a start node, then columns of routers/agents/conditions/responses/ends; tools to the side. */
export function generateGraph(nodeCount: number, edgeCount: number): FlowGraph {
  const mix: [NodeKind, number][] = [
    ["router", 0.05],
    ["agent", 0.35],
    ["condition", 0.08],
    ["response", 0.17],
    ["set_memory", 0.05],
    ["end", 0.1],
  ];
  const toolCount = Math.max(1, Math.round(nodeCount * 0.2));
  const nodes: FlowGraphInput["nodes"] = [];
  const add = (kind: NodeKind, i: number, x: number, y: number) => {
    const config = structuredClone(NODE_KINDS[kind].defaultConfig()) as Record<string, unknown>;
    if (kind === "response") config.template = `Reply number ${i}`;
    if (kind === "condition") config.branches = [{ id: "when_1", label: "When", expression: "state.n > 1" }];
    if (kind === "set_memory") config.assignments = [{ key: `k${i}`, value: "v", scope: "conversation" }];
    nodes.push({
      id: `${kind}_${i}`,
      kind,
      label: `${NODE_KINDS[kind].label} ${i}`,
      position: { x, y },
      config,
    } as FlowGraphInput["nodes"][number]);
  };
  add("start", 0, 0, 0);
  const flowCount = nodeCount - 1 - toolCount;
  const perColumn = 20;
  for (let i = 0; i < flowCount; i++) {
    let r = ((i * 7919) % 1000) / 1000;
    let kind: NodeKind = "agent";
    for (const [k, share] of mix) {
      if (r < share) {
        kind = k;
        break;
      }
      r -= share;
    }
    add(kind, i + 1, 320 * (1 + Math.floor(i / perColumn)), 160 * (i % perColumn));
  }
  for (let i = 0; i < toolCount; i++)
    add("tool", flowCount + 1 + i, 320 * (2 + Math.floor(i / perColumn)), 160 * perColumn + 200 + 160 * (i % 5));

  const graph = flowGraphSchema.parse({ schemaVersion: 1, nodes, edges: [] });
  const edges: FlowGraphInput["edges"] = [];
  const flowNodes = graph.nodes.filter((n) => n.kind !== "tool");
  const agents = graph.nodes.filter((n) => n.kind === "agent");
  const tools = graph.nodes.filter((n) => n.kind === "tool");
  // Each flow node after the start gets one incoming control edge from an earlier node with outputs.
  for (let i = 1; i < flowNodes.length && edges.length < edgeCount; i++) {
    const target = flowNodes[i];
    let source = flowNodes[Math.max(0, i - perColumn + ((i * 13) % 5))];
    for (let j = i - 1; nodeOutputs(source).length === 0 && j >= 0; j--) source = flowNodes[j];
    const ports = nodeOutputs(source);
    edges.push({
      id: `e${edges.length}`,
      kind: "control",
      source: source.id,
      sourceHandle: ports[i % ports.length].id,
      target: target.id,
      targetHandle: "in",
    });
  }
  // The rest are agent → tool permission links.
  for (let i = 0; edges.length < edgeCount && i < agents.length * tools.length; i++) {
    const agent = agents[i % agents.length];
    const tool = tools[(i * 31) % tools.length];
    if (edges.some((e) => e.kind === "tool" && e.source === agent.id && e.target === tool.id)) continue;
    edges.push({
      id: `e${edges.length}`,
      kind: "tool",
      source: agent.id,
      sourceHandle: "tools",
      target: tool.id,
      targetHandle: "permission",
      permission: {},
    });
  }
  return flowGraphSchema.parse({ schemaVersion: 1, nodes: graph.nodes, edges });
}

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

async function startFrameCounter(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __counting: boolean };
    w.__frames = 0;
    w.__counting = true;
    const tick = () => {
      if (!w.__counting) return;
      w.__frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return Date.now();
}

async function stopFrameCounter(page: Page, startedAt: number): Promise<number> {
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __counting: boolean };
    w.__counting = false;
    return w.__frames;
  });
  return frames / ((Date.now() - startedAt) / 1000);
}

/** Moves the mouse in a circle for `seconds`, one step per ~16 ms. */
async function circle(page: Page, cx: number, cy: number, radius: number, seconds: number) {
  const end = Date.now() + seconds * 1000;
  let angle = 0;
  while (Date.now() < end) {
    angle += 0.12;
    await page.mouse.move(cx + radius * Math.cos(angle), cy + radius * Math.sin(angle));
    await page.waitForTimeout(16);
  }
}

async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const pane = document.querySelector(".react-flow__pane")!.getBoundingClientRect();
    for (let y = pane.top + 20; y < pane.bottom - 20; y += 17) {
      for (let x = pane.left + 20; x < pane.right - 200; x += 23) {
        if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane")) return { x, y };
      }
    }
    return { x: pane.left + 10, y: pane.top + 10 };
  });
}

async function dumpTrace(cdp: import("@playwright/test").CDPSession) {
  const done = new Promise<string>((resolve) =>
    cdp.once("Tracing.tracingComplete", (e: { stream?: string }) => resolve(e.stream!)),
  );
  await cdp.send("Tracing.end");
  const stream = await done;
  let text = "";
  for (;;) {
    const chunk = (await cdp.send("IO.read", { handle: stream })) as { data: string; eof: boolean };
    text += chunk.data;
    if (chunk.eof) break;
  }
  const events = (JSON.parse(text) as { traceEvents: { name: string; ph: string; dur?: number; tid: number }[] })
    .traceEvents;
  const totals = new Map<string, number>();
  for (const e of events)
    if (e.ph === "X" && e.dur) totals.set(`${e.name}@${e.tid}`, (totals.get(`${e.name}@${e.tid}`) ?? 0) + e.dur / 1000);
  console.log(
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, v]) => `${k} ${Math.round(v)}ms`)
      .join("\n"),
  );
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

async function measureInteraction(page: Page, loads: number[]) {
  const rendered = await page.locator(".react-flow__node").count();
  await page.waitForTimeout(500);
  if (process.env.BENCH_FIT) {
    // Worst case: the whole flow on screen (press F), every node and edge painted.
    await page.keyboard.press("f");
    await page.waitForTimeout(800);
  }

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const metrics = async () => {
    const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  };
  const breakdown = (a: Record<string, number>, b: Record<string, number>) =>
    ["TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration"]
      .map((k) => `${k.replace("Duration", "")} ${Math.round(((b[k] ?? 0) - (a[k] ?? 0)) * 1000)} ms`)
      .join(", ");

  // Pan: drag on empty pane.
  const start = await emptyPanePoint(page);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  if (process.env.BENCH_TRACE)
    await cdp.send("Tracing.start", {
      categories: "devtools.timeline,disabled-by-default-devtools.timeline",
      transferMode: "ReturnAsStream",
    });
  const panBefore = await metrics();
  const panStarted = await startFrameCounter(page);
  await circle(page, start.x + 120, start.y, 120, SECONDS);
  const panFps = await stopFrameCounter(page, panStarted);
  const panAfter = await metrics();
  if (process.env.BENCH_TRACE) await dumpTrace(cdp);
  await page.mouse.up();

  // Drag one node by its header.
  const box = await page.locator(".react-flow__node").first().boundingBox();
  if (!box) throw new Error("No node on screen to drag.");
  const grab = { x: box.x + 40, y: box.y + 12 };
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(grab.x + 10, grab.y + 10);
  if (process.env.BENCH_PROFILE) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
  }
  const dragBefore = await metrics();
  const dragStarted = await startFrameCounter(page);
  await circle(page, grab.x + 100, grab.y, 100, SECONDS);
  const dragFps = await stopFrameCounter(page, dragStarted);
  const dragAfter = await metrics();
  if (process.env.BENCH_PROFILE) {
    const { profile } = (await cdp.send("Profiler.stop")) as {
      profile: {
        nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
        samples: number[];
        timeDeltas: number[];
      };
    };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    console.log(
      [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 30)
        .map(([k, v]) => `${Math.round(v)}ms ${k}`)
        .join("\n"),
    );
  }
  await page.mouse.up();

  console.log("");
  console.log(
    `load ms (median of ${loads.length}): ${Math.round(median(loads))}   [${loads.map((l) => Math.round(l)).join(", ")}]`,
  );
  console.log(`pan fps: ${panFps.toFixed(1)}   (main thread over ${SECONDS}s: ${breakdown(panBefore, panAfter)})`);
  console.log(`drag fps: ${dragFps.toFixed(1)}   (main thread over ${SECONDS}s: ${breakdown(dragBefore, dragAfter)})`);
  console.log(`(nodes in the DOM after load: ${rendered}; only visible nodes are rendered)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
