// `npm start` refuses bad situations with one clear line and starts nothing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm start refuses clearly", () => {
  let dataDir: string;
  let blocker: net.Server;
  let busyPort: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "switchboard-start-"));
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    busyPort = (blocker.address() as net.AddressInfo).port;
  });

  afterAll(() => blocker.close());

  it("names each malformed variable", () => {
    const { code, output } = start({ SWITCHBOARD_DATA_DIR: dataDir, PORT: "http", DATABASE_URL: "mysql://nope" });
    expect(code).toBe(1);
    expect(output).toMatch(/PORT/);
    expect(output).toMatch(/DATABASE_URL must look like postgresql:/);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("says when the port is taken, before starting any database", () => {
    const { code, output } = start({ SWITCHBOARD_DATA_DIR: dataDir, PORT: String(busyPort) });
    expect(code).toBe(1);
    expect(output).toContain(`Port ${busyPort} is already in use`);
    expect(existsSync(path.join(dataDir, "postgres"))).toBe(false);
  });

  it("refuses a second start on the same data", () => {
    // This test process stands in for a running Switchboard that owns the data directory.
    writeFileSync(
      path.join(dataDir, "switchboard.lock"),
      JSON.stringify({ pid: process.pid, url: "http://localhost:3999", startedAt: new Date().toISOString() }),
    );
    const { code, output } = start({ SWITCHBOARD_DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(output).toContain(`Switchboard is already running (pid ${process.pid}, http://localhost:3999)`);
  });
});
