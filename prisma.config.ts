// Prisma CLI configuration: offline, JavaScript schema engine over node-postgres.
//
// Prisma 6.19's default schema engine is a native binary downloaded at install time, which cannot happen on
// machines without internet. The experimental JS engine (wasm + driver adapter) works offline, but it needs three
// workarounds, all kept in this file so they can be deleted together once Prisma fixes them:
//   1. prisma/orm#27403: the adapter mis-reads columns of type "char" (OID 18) and "name" (OID 19) that the
//      introspection queries return; we report them as text (OID 25) in this process only.
//   2. The adapter's temporary shadow database (CREATE DATABASE with a random name) fails under migrate dev;
//      we use one fixed shadow database per main database and reset its schema before each use.
//   3. The wasm engine arms long timers that keep the CLI alive 10–60 s after it has finished; unref them.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

const realHandleRowDescription = (pg.Client.prototype as unknown as Record<string, unknown>)[
  "_handleRowDescription"
] as ((msg: { fields: { dataTypeID: number }[] }) => void) | undefined;
if (realHandleRowDescription) {
  (pg.Client.prototype as unknown as Record<string, unknown>)["_handleRowDescription"] = function (
    this: unknown,
    msg: { fields: { dataTypeID: number }[] },
  ) {
    for (const field of msg.fields)
      if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    return realHandleRowDescription.call(this, msg);
  };
}

const realSetTimeout = globalThis.setTimeout;
const LONG_TIMER_MS = 5_000;
globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
  const timer = realSetTimeout(...args);
  // Only long timers: short ones are how the CLI itself waits for work it still has to finish.
  if (Number(args[1] ?? 0) >= LONG_TIMER_MS) timer.unref?.();
  return timer;
}) as typeof setTimeout;

// `prisma generate` and `validate` read the datasource URL without connecting; give them one when none is set.
process.env.DATABASE_URL ??= "postgresql://localhost:5432/switchboard";

function connectionFields(): pg.PoolConfig {
  const raw = process.env.DATABASE_URL;
  if (!raw) throw new Error("DATABASE_URL is not set. Run the CLI through `npm run db:migrate` or set it yourself.");
  const url = new URL(raw);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.replace(/^\//, ""),
  };
}

class FixedShadowPg extends PrismaPg {
  constructor(private readonly fields: pg.PoolConfig) {
    super(fields);
  }

  override async connectToShadowDb() {
    const shadow = `${this.fields.database}_shadow`;
    const admin = new pg.Client(this.fields);
    await admin.connect();
    try {
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [shadow]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${shadow}"`);
    } finally {
      await admin.end();
    }
    const reset = new pg.Client({ ...this.fields, database: shadow });
    await reset.connect();
    await reset.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    await reset.end();
    return new PrismaPg({ ...this.fields, database: shadow }).connect();
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  async adapter() {
    return new FixedShadowPg(connectionFields());
  },
});
