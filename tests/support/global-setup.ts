// One embedded Postgres per test run. It holds a template database, migrated and seeded with the demo once;
// each test file clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureDatabase } from "@/lib/platform/db/ensure-database";
import { startEmbeddedPostgres } from "@/lib/platform/db/embedded-postgres";
import { migrateDeploy, migrateQueue } from "@/lib/platform/db/migrate";

export const TEMPLATE_DB = "switchboard_template";

function seedTemplate(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "prisma/seed.ts"],
      {
        env: { ...process.env, DATABASE_URL: url, ADMIN_EMAIL: "admin@acme.test", ADMIN_PASSWORD: "switchboard-test" },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`Seeding the test template failed (exit ${code})`)),
    );
  });
}

export default async function setup(project: TestProject) {
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), "switchboard-test-"));
  const database = await startEmbeddedPostgres({ dataRoot, persistent: false });
  const templateUrl = database.serverUrl(TEMPLATE_DB);
  await ensureDatabase(templateUrl);
  await migrateDeploy(templateUrl);
  await migrateQueue(templateUrl);
  await seedTemplate(templateUrl);
  project.provide("databaseServerUrl", database.serverUrl("postgres"));
  project.provide("templateDatabase", TEMPLATE_DB);
  return async () => {
    await database.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
  }
}
