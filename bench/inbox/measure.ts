// bench:inbox's timing: one signed-in HTTP client, N requests per figure, the median and p95 of each, with the
// machine's load average beside them.
import os from "node:os";
import { request, type APIRequestContext } from "@playwright/test";
import { quantile } from "@/bench/support/in-process-engine";
import { fmt } from "@/bench/support/format";

export type Figure = { label: string; median: number; p95: number; targetMs: number; load: number; note: string };

/** A request context signed in through next-auth's credentials endpoint, as the browser does. */
export async function signedInClient(url: string, email: string, password: string): Promise<APIRequestContext> {
  const client = await request.newContext({ baseURL: url });
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await client.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true", callbackUrl: `${url}/flows` },
  });
  if (!response.ok()) throw new Error(`Sign-in failed (${response.status()}).`);
  return client;
}

/**
 * Request → the whole response body received, `runs` times after one warm-up request (so a route's first compile and
 * cold caches are not counted). Fails on anything but 200, and when `expect` does not find its text in the body.
 */
export async function time(
  client: APIRequestContext,
  path: string,
  runs: number,
  expect?: (body: string) => string | null,
): Promise<{ median: number; p95: number; load: number }> {
  const once = async () => {
    const started = performance.now();
    const response = await client.get(path, { maxRedirects: 0 });
    const body = await response.text();
    const ms = performance.now() - started;
    if (response.status() !== 200) throw new Error(`${path} answered ${response.status()}`);
    const problem = expect?.(body);
    if (problem) throw new Error(`${path}: ${problem}`);
    return ms;
  };
  await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95), load: os.loadavg()[0] };
}

export function printFigures(title: string, figures: Figure[]) {
  console.log(`\n${title}`);
  const width = Math.max(...figures.map((f) => f.label.length));
  for (const f of figures) {
    const verdict = f.p95 <= f.targetMs ? "meets" : "MISSES";
    console.log(
      `  ${f.label.padEnd(width)}  median ${fmt(f.median, 0).padStart(5)} ms  p95 ${fmt(f.p95, 0).padStart(5)} ms` +
        `  (target p95 ≤ ${f.targetMs} ms: ${verdict})  load ${fmt(f.load, 2)}  — ${f.note}`,
    );
  }
}
