import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/platform/db/database-unavailable";

const socketError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("knows a stopped Postgres over TCP and over its Unix socket, also wrapped", () => {
    expect(isDatabaseUnavailable(socketError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"))).toBe(true);
    const gone = socketError("ENOENT", "connect ENOENT /tmp/.s.PGSQL.44261");
    expect(isDatabaseUnavailable(gone)).toBe(true);
    expect(isDatabaseUnavailable(new Error("query failed", { cause: gone }))).toBe(true);
    expect(isDatabaseUnavailable(socketError("57P01", "terminating connection due to administrator command"))).toBe(
      true,
    );
  });

  it("leaves any other missing file and errors in the query itself alone", () => {
    expect(isDatabaseUnavailable(socketError("ENOENT", "ENOENT: no such file or directory, open '/data/x.json'"))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(socketError("23505", "duplicate key value violates unique constraint"))).toBe(false);
  });
});
