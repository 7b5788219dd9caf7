import { db } from "@/lib/platform/db/client";

export const dynamic = "force-dynamic";

// Liveness and database reachability, for `npm start`'s readiness wait and for load balancers.
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ ok: true });
  } catch {
    return Response.json(
      { ok: false, error: { code: "DATABASE_UNAVAILABLE", message: "The database is not reachable." } },
      { status: 503 },
    );
  }
}
