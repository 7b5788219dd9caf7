// Applies committed migrations with the Prisma CLI, skipping the CLI (seconds of start-up) when nothing is pending.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { Logger, runMigrations } from "graphile-worker";
import pg from "pg";
import { processEnv } from "@/lib/platform/config";

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
const PRISMA_CLI = path.join(process.cwd(), "node_modules", "prisma", "build", "index.js");

function committedMigrations(): string[] {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function appliedMigrations(databaseUrl: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') AS t");
    if (!table.rows[0].t) return new Set();
    const rows = await client.query(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    return new Set(rows.rows.map((row) => row.migration_name as string));
  } finally {
    await client.end();
  }
}

export function runPrismaCli(args: string[], databaseUrl: string, quiet = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PRISMA_CLI, ...args], {
      env: { ...processEnv(), DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma ${args.join(" ")} failed (exit ${code})\n${output}`)),
    );
  });
}

/** Returns the number of migrations applied by this call. */
export async function migrateDeploy(databaseUrl: string): Promise<number> {
  const applied = await appliedMigrations(databaseUrl);
  const pending = committedMigrations().filter((name) => !applied.has(name));
  if (pending.length === 0) return 0;
  await runPrismaCli(["migrate", "deploy"], databaseUrl, true);
  return pending.length;
}

const silent = new Logger(() => (level, message) => {
  if (level === "error") console.error(message);
});

/** Creates or upgrades graphile-worker's own schema (the engine's queue) in the same database. Idempotent. */
export async function migrateQueue(databaseUrl: string): Promise<void> {
  await runMigrations({ connectionString: databaseUrl, logger: silent });
}
