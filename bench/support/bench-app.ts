// Shared by the browser benchmarks: a production server started exactly as `npm start` does (embedded Postgres,
// seeded demo, built if needed) on a throw-away data dir, and a Chromium context signed in to it.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";

export type BenchApp = {
  url: string;
  email: string;
  password: string;
  /** A superuser connection to the app's database (only for our own server; null with BENCH_URL). */
  databaseUrl: string | null;
  stop: () => void;
};

export async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

/** The embedded Postgres's superuser URL, from the files `npm start` leaves in its data dir. */
function superuserUrl(dataDir: string, database = "switchboard"): string | null {
  const credentials = path.join(dataDir, "postgres-credentials.json");
  const lock = path.join(dataDir, "switchboard.lock");
  if (!existsSync(credentials) || !existsSync(lock)) return null;
  const { user, password } = JSON.parse(readFileSync(credentials, "utf8")) as { user: string; password: string };
  const { databaseUrl } = JSON.parse(readFileSync(lock, "utf8")) as { databaseUrl?: string };
  if (!databaseUrl) return null;
  const port = new URL(databaseUrl).port;
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@localhost:${port}/${database}`;
}

/**
 * BENCH_URL (+ BENCH_EMAIL, BENCH_PASSWORD) reuses a running server; otherwise one is started on BENCH_PORT
 * (default `defaultPort`) with BENCH_DEV=1 choosing `next dev`.
 */
export async function startBenchApp(name: string, defaultPort: number): Promise<BenchApp> {
  if (process.env.BENCH_URL) {
    return {
      url: process.env.BENCH_URL,
      email: process.env.BENCH_EMAIL ?? "admin@acme.test",
      password: process.env.BENCH_PASSWORD ?? "",
      databaseUrl: process.env.BENCH_DATABASE_URL ?? null,
      stop: () => {},
    };
  }
  const port = Number(process.env.BENCH_PORT ?? defaultPort);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `switchboard-bench-${name}-`));
  const url = `http://localhost:${port}`;
  const email = "admin@acme.test";
  const password = `bench-${name}-password`;
  const dev = process.env.BENCH_DEV === "1";
  console.log(`Starting a ${dev ? "dev" : "production"} server on ${url} (data in ${dataDir})…`);
  const child: ChildProcess = spawn(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts", ...(dev ? ["--dev"] : [])],
    {
      env: {
        ...process.env,
        PORT: String(port),
        SWITCHBOARD_DATA_DIR: dataDir,
        ADMIN_EMAIL: email,
        ADMIN_PASSWORD: password,
        NEXTAUTH_URL: url,
      },
      stdio: "ignore",
      detached: true, // its own process group, so the whole tree (next-server, Postgres) stops together
    },
  );
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {}
    setTimeout(() => rmSync(dataDir, { recursive: true, force: true }), 3000).unref();
  };
  process.on("exit", stop);
  await waitFor(`${url}/api/health`, 600_000);
  return { url, email, password, databaseUrl: superuserUrl(dataDir), stop };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Signs the context in through next-auth's credentials endpoint (its cookies then carry the session). */
export async function signIn(context: BrowserContext, url: string, email: string, password: string) {
  const { csrfToken } = (await (await context.request.get(`${url}/api/auth/csrf`)).json()) as { csrfToken: string };
  const response = await context.request.post(`${url}/api/auth/callback/credentials`, {
    form: { csrfToken, email, password, json: "true", callbackUrl: `${url}/flows` },
  });
  if (!response.ok()) throw new Error(`Sign-in failed (${response.status()}).`);
}
