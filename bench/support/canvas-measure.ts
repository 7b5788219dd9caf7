// The canvas benchmark's measurements: frames per second while panning the pane and while dragging a node, each
// with where the main thread spent its time, and on request a CPU profile (BENCH_PROFILE) or a trace (BENCH_TRACE).
import type { CDPSession, Page } from "@playwright/test";

export type CaseResult = {
  zoom: number;
  nodesInDom: number;
  pan: number;
  drag: number;
  /** Pointer moves made during each measurement (one per frame the page managed). */
  panMoves: number;
  dragMoves: number;
  panCpu: string;
  dragCpu: string;
};

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

/**
 * Moves the (pressed) mouse in a circle for `seconds`, one move per animation frame, as a real pointer does (Chromium
 * hands a page one coalesced move per frame). The moves are dispatched in the page: driving each one from here costs
 * a round trip, which held the old bench to about 16 moves a second, so most of its frames had nothing to draw.
 * Returns how many moves were made.
 */
async function circle(page: Page, cx: number, cy: number, radius: number, seconds: number): Promise<number> {
  return page.evaluate(
    ({ cx, cy, radius, ms }) =>
      new Promise<number>((resolve) => {
        const end = performance.now() + ms;
        let moves = 0;
        const step = () => {
          const angle = ++moves * 0.06;
          const at = { clientX: cx + radius * Math.cos(angle), clientY: cy + radius * Math.sin(angle) };
          const init = { ...at, bubbles: true, cancelable: true, view: window, buttons: 1, pointerType: "mouse" };
          const target = document.elementFromPoint(at.clientX, at.clientY) ?? document.body;
          target.dispatchEvent(new PointerEvent("pointermove", { ...init, pointerId: 1, isPrimary: true }));
          target.dispatchEvent(new MouseEvent("mousemove", init));
          if (performance.now() < end) requestAnimationFrame(step);
          else resolve(moves);
        };
        requestAnimationFrame(step);
      }),
    { cx, cy, radius, ms: seconds * 1000 },
  );
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

/** A point on the header of the node nearest the pane's centre, where a press drags the node (not a handle). */
async function nodeGrabPoint(page: Page): Promise<{ x: number; y: number; id: string }> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow__pane")!.getBoundingClientRect();
    const cx = pane.left + pane.width / 2;
    const cy = pane.top + pane.height / 2;
    let best: { x: number; y: number; d: number; id: string } | null = null;
    for (const el of document.querySelectorAll(".react-flow__node")) {
      const box = el.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + Math.min(12, box.height * 0.15);
      if (document.elementFromPoint(x, y)?.closest(".react-flow__node") !== el) continue;
      const d = Math.hypot(x - cx, y - cy);
      if (!best || d < best.d) best = { x, y, d, id: el.getAttribute("data-id")! };
    }
    return best;
  });
  if (!point) throw new Error("No node on screen to drag.");
  return point;
}

async function dumpTrace(cdp: CDPSession) {
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

async function printProfile(cdp: CDPSession) {
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

/** The canvas's zoom, from its viewport's transform. */
export function viewportZoom(page: Page): Promise<number> {
  return page.evaluate(
    () => new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport")!).transform).a,
  );
}

/** Pan on the empty pane, then drag one node, each for `seconds`, at the page's current zoom. */
export async function measureCase(page: Page, cdp: CDPSession, seconds: number): Promise<CaseResult> {
  const metrics = async () => {
    const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  };
  const breakdown = (a: Record<string, number>, b: Record<string, number>) =>
    ["TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration"]
      .map((k) => `${k.replace("Duration", "")} ${Math.round(((b[k] ?? 0) - (a[k] ?? 0)) * 1000)} ms`)
      .join(", ");
  const zoom = await viewportZoom(page);
  const nodesInDom = await page.locator(".react-flow__node").count();

  const start = await emptyPanePoint(page);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  if (process.env.BENCH_TRACE)
    await cdp.send("Tracing.start", {
      categories: "devtools.timeline,disabled-by-default-devtools.timeline",
      transferMode: "ReturnAsStream",
    });
  const viewport = () =>
    page.evaluate(() => getComputedStyle(document.querySelector(".react-flow__viewport")!).transform);
  const viewportBefore = await viewport();
  const panBefore = await metrics();
  const panStarted = await startFrameCounter(page);
  const panMoves = await circle(page, start.x + 120, start.y, 120, seconds);
  const pan = await stopFrameCounter(page, panStarted);
  const panAfter = await metrics();
  if (process.env.BENCH_TRACE) await dumpTrace(cdp);
  if ((await viewport()) === viewportBefore) throw new Error("Panning moved nothing.");
  await page.mouse.up();
  await page.waitForTimeout(300);

  const grab = await nodeGrabPoint(page);
  const node = page.locator(`.react-flow__node[data-id="${grab.id}"]`);
  const placed = await node.getAttribute("style");
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
  const dragMoves = await circle(page, grab.x + 100, grab.y, 100, seconds);
  const drag = await stopFrameCounter(page, dragStarted);
  const dragAfter = await metrics();
  if (process.env.BENCH_PROFILE) await printProfile(cdp);
  await page.mouse.up();
  await page.waitForTimeout(300);
  if ((await node.getAttribute("style")) === placed) throw new Error(`Dragging moved no node (${grab.id}).`);
  return {
    zoom,
    nodesInDom,
    pan,
    drag,
    panMoves,
    dragMoves,
    panCpu: breakdown(panBefore, panAfter),
    dragCpu: breakdown(dragBefore, dragAfter),
  };
}
