import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/platform/audit/audit-log";
import { verifyAuditChain } from "@/lib/platform/audit/verify-chain";
import { ensureAppRole } from "@/lib/platform/db/app-role";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { demoWorkspace } from "@/tests/support/factories";

// A role of its own per file: roles are shared by every test database on the server.
const credentials = {
  user: `switchboard_app_${randomBytes(4).toString("hex")}`,
  password: randomBytes(12).toString("hex"),
};
const ownerUrl = process.env.DATABASE_URL!;
const owner = new pg.Client({ connectionString: ownerUrl });
let app: pg.Client;
let appPrisma: PrismaClient;

beforeAll(async () => {
  await owner.connect();
  const appUrl = await ensureAppRole(ownerUrl, credentials);
  // Twice, as every start does: granting again is harmless.
  await ensureAppRole(ownerUrl, credentials);
  app = new pg.Client({ connectionString: appUrl });
  await app.connect();
  appPrisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: appUrl, max: 2 }) });
});

afterAll(async () => {
  await appPrisma.$disconnect();
  await app.end();
  await owner.query(`DROP OWNED BY ${pg.escapeIdentifier(credentials.user)}`);
  await owner.query(`DROP ROLE ${pg.escapeIdentifier(credentials.user)}`);
  await owner.end();
});

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code?: string; message: string }) => error,
  );

describe("the app's database role", () => {
  it("is neither superuser nor the owner of the audit log", async () => {
    const { rows } = await app.query(
      `SELECT rolsuper, pg_has_role(current_user, (SELECT tableowner FROM pg_tables WHERE tablename = 'AuditLog'), 'MEMBER') AS owner
         FROM pg_roles WHERE rolname = current_user`,
    );
    expect(rows[0]).toEqual({ rolsuper: false, owner: false });
  });

  it("appends audit entries through the app's own code path, and the chain stays intact", async () => {
    const workspaceId = (await demoWorkspace()).id;
    await appPrisma.$transaction((tx) =>
      auditLog(
        {
          workspaceId,
          actor: { type: "system", label: "test" },
          action: "test.app_role",
          resourceType: "workspace",
          after: { ok: true },
        },
        tx,
      ),
    );
    const { rows } = await app.query(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'test.app_role'`);
    expect(rows[0].n).toBe(1);
    expect((await verifyAuditChain({ workspaceId })).break).toBeNull();
  });

  it("cannot update, delete or truncate audit entries", async () => {
    for (const sql of [`UPDATE "AuditLog" SET "actorLabel" = 'x'`, `DELETE FROM "AuditLog"`, `TRUNCATE "AuditLog"`]) {
      const error = await errorOf(app.query(sql));
      expect(error?.code, sql).toBe("42501"); // insufficient_privilege
      expect(error?.message).toMatch(/permission denied/);
    }
  });

  it("keeps its ordinary privileges elsewhere: tables, sequences and the engine's queue", async () => {
    const workspace = await demoWorkspace();
    await app.query(`UPDATE "Workspace" SET name = name WHERE id = $1`, [workspace.id]);
    await app.query("BEGIN");
    try {
      await app.query(`SELECT graphile_worker.add_job('switchboard-app-role-probe', '{}'::json)`);
      const { rows } = await app.query(
        `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'switchboard-app-role-probe'`,
      );
      expect(rows[0].n).toBe(1);
    } finally {
      await app.query("ROLLBACK");
    }
    // …but not the schema.
    expect((await errorOf(app.query(`CREATE TABLE sneaky (id int)`)))?.code).toBe("42501");
  });
});

describe("the append-only triggers", () => {
  it("stop the owner too, with a clear message", async () => {
    for (const sql of [`UPDATE "AuditLog" SET "actorLabel" = 'x'`, `DELETE FROM "AuditLog"`, `TRUNCATE "AuditLog"`]) {
      const error = await errorOf(owner.query(sql));
      expect(error?.message, sql).toMatch(
        /The audit log is append-only: (UPDATE|DELETE|TRUNCATE) on "AuditLog" is not allowed/,
      );
    }
  });

  it("let the owner through only when it deliberately switches them off", async () => {
    const { rows } = await owner.query(`SELECT id FROM "AuditLog" ORDER BY id DESC LIMIT 1`);
    await owner.query("BEGIN");
    try {
      await owner.query(`ALTER TABLE "AuditLog" DISABLE TRIGGER "switchboard_audit_log_no_update"`);
      const updated = await owner.query(`UPDATE "AuditLog" SET "actorLabel" = 'x' WHERE id = $1`, [rows[0].id]);
      expect(updated.rowCount).toBe(1);
    } finally {
      await owner.query("ROLLBACK");
    }
  });
});
