// A Switchboard killed with SIGKILL leaves no Postgres behind, and the next start finds all committed data.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { isProcessAlive, runningPostmasterPid, startEmbeddedPostgres } from "@/lib/platform/db/embedded-postgres";

const dataRoot = mkdtempSync(path.join(os.tmpdir(), "switchboard-crash-"));
afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

const OWNER = `
  import { startEmbeddedPostgres } from "./lib/platform/db/embedded-postgres";
  import pg from "pg";
  const db = await startEmbeddedPostgres({ dataRoot: process.env.ROOT!, persistent: true });
  const client = new pg.Client({ connectionString: db.serverUrl("postgres") });
  await client.connect();
  await client.query("CREATE TABLE ledger (id int primary key)");
  await client.query("INSERT INTO ledger VALUES (1), (2), (3)");
  await client.end();
  console.log("ready " + db.pid + " " + process.pid);
  setInterval(() => {}, 1000);
`;

async function waitFor(check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return check();
}

describe("after a crash", () => {
  it("the watchdog stops the orphaned Postgres and no committed row is lost", async () => {
    const owner = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--input-type=module", "-e", OWNER], {
      env: { ...process.env, ROOT: dataRoot },
      stdio: ["ignore", "pipe", "inherit"],
    });
    // tsx runs the script in a child process: that child, not the wrapper, owns the database.
    const [postmaster, ownerPid] = await new Promise<[number, number]>((resolve, reject) => {
      owner.stdout.on("data", (chunk: Buffer) => {
        const match = /ready (\d+) (\d+)/.exec(chunk.toString());
        if (match) resolve([Number(match[1]), Number(match[2])]);
      });
      owner.on("exit", (code) => reject(new Error(`owner exited early (${code})`)));
    });
    expect(isProcessAlive(postmaster)).toBe(true);

    process.kill(ownerPid, "SIGKILL");
    owner.kill("SIGKILL");
    expect(await waitFor(() => !isProcessAlive(postmaster), 10_000)).toBe(true);
    expect(runningPostmasterPid(path.join(dataRoot, "postgres"))).toBeNull();

    const again = await startEmbeddedPostgres({ dataRoot, persistent: true });
    try {
      const client = new pg.Client({ connectionString: again.serverUrl("postgres") });
      await client.connect();
      const { rows } = await client.query("SELECT count(*)::int AS n FROM ledger");
      await client.end();
      expect(rows[0].n).toBe(3);
    } finally {
      await again.stop();
    }
  });
});
