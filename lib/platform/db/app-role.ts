// The embedded default's application role: the web server, the engine worker and the seed connect as a login role
// that is neither superuser nor owner, so it cannot change or remove audit entries (SELECT and INSERT only on
// "AuditLog") or alter the schema. Migrations (Prisma's and graphile-worker's) keep running as the owner.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export const APP_ROLE = "switchboard_app";

export type AppRoleCredentials = { user: string; password: string };

const credentialsFile = (dataRoot: string) => path.join(dataRoot, "postgres-app-credentials.json");

/** The app role's credentials, kept next to the superuser's (created on first use, 0600). */
export function appRoleCredentials(dataRoot: string): AppRoleCredentials {
  const file = credentialsFile(dataRoot);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as AppRoleCredentials;
  const created = { user: APP_ROLE, password: randomBytes(18).toString("base64url") };
  writeFileSync(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

/** `url` with the app role's credentials instead of the owner's; the owner's URL when no app role was set up. */
export function appDatabaseUrl(dataRoot: string, ownerUrl: string): string {
  if (!existsSync(credentialsFile(dataRoot))) return ownerUrl;
  return withCredentials(ownerUrl, appRoleCredentials(dataRoot));
}

function withCredentials(url: string, credentials: AppRoleCredentials): string {
  const next = new URL(url);
  // The URL setters percent-encode what needs it.
  next.username = credentials.user;
  next.password = credentials.password;
  return next.toString();
}

/**
 * Creates (or updates) the app role and grants it what it needs on everything that exists now; called after the
 * migrations on every start, so tables added by later migrations are covered even where the default privileges
 * below do not reach (objects created by another owner). Returns the URL the app should connect with.
 */
export async function ensureAppRole(ownerUrl: string, credentials: AppRoleCredentials): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const role = pg.escapeIdentifier(credentials.user);
  try {
    const { rows } = await client.query<{ db: string; owner: string; version: string; worker: boolean }>(
      `SELECT current_database() AS db, current_user AS owner, current_setting('server_version_num') AS version,
              to_regnamespace('graphile_worker') IS NOT NULL AS worker`,
    );
    const { db, owner, version, worker } = rows[0];
    const ownerRole = pg.escapeIdentifier(owner);
    try {
      await client.query(`CREATE ROLE ${role} LOGIN`);
    } catch (error) {
      // 42710: it exists already; 23505: another process created it at the same moment.
      if (!["42710", "23505"].includes((error as { code?: string }).code ?? "")) throw error;
    }
    // PG 17's MAINTAIN lets the role refresh materialized views (roll-ups) without owning them; it cannot modify rows.
    const tablePrivileges = `SELECT, INSERT, UPDATE, DELETE${Number(version) >= 170000 ? ", MAINTAIN" : ""}`;
    const statements = [
      `ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD ${pg.escapeLiteral(credentials.password)}`,
      `GRANT CONNECT, TEMPORARY ON DATABASE ${pg.escapeIdentifier(db)} TO ${role}`,
      `GRANT USAGE ON SCHEMA public TO ${role}`,
      `GRANT ${tablePrivileges} ON ALL TABLES IN SCHEMA public TO ${role}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${ownerRole} IN SCHEMA public GRANT ${tablePrivileges} ON TABLES TO ${role}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${ownerRole} IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${role}`,
      // The audit log: read and append, nothing else.
      `REVOKE ALL ON "AuditLog" FROM ${role}`,
      `GRANT SELECT, INSERT ON "AuditLog" TO ${role}`,
      // Migration history is the owner's business.
      `REVOKE ALL ON "_prisma_migrations" FROM ${role}`,
      `GRANT SELECT ON "_prisma_migrations" TO ${role}`,
    ];
    if (worker) {
      // graphile-worker at run time: its tables (jobs, queues, tasks, crontabs), sequences and functions. Its
      // migrations run as the owner before this; at start-up it only reads graphile_worker.migrations.
      statements.push(
        `GRANT USAGE ON SCHEMA graphile_worker TO ${role}`,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO ${role}`,
        `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA graphile_worker TO ${role}`,
        `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO ${role}`,
        `REVOKE INSERT, UPDATE, DELETE ON graphile_worker.migrations FROM ${role}`,
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${ownerRole} IN SCHEMA graphile_worker GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${ownerRole} IN SCHEMA graphile_worker GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${role}`,
      );
    }
    await client.query("BEGIN");
    for (const statement of statements) await client.query(statement);
    if (worker) {
      // graphile-worker turns on row-level security for its private tables, so only their owner (or a superuser)
      // sees rows; the app role gets a policy of its own instead of BYPASSRLS, which would reach every table.
      const policy = pg.escapeIdentifier(`${credentials.user}_access`);
      const { rows: tables } = await client.query<{ name: string; policy: boolean }>(
        `SELECT c.relname AS name, EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = $1) AS policy
           FROM pg_class c WHERE c.relnamespace = 'graphile_worker'::regnamespace AND c.relkind = 'r' AND c.relrowsecurity`,
        [`${credentials.user}_access`],
      );
      for (const table of tables.filter((t) => !t.policy)) {
        await client.query(
          `CREATE POLICY ${policy} ON graphile_worker.${pg.escapeIdentifier(table.name)} TO ${role} USING (true) WITH CHECK (true)`,
        );
      }
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  return withCredentials(ownerUrl, credentials);
}
