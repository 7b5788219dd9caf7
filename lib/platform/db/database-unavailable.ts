// Errors that mean "the database is not reachable right now" (restart, failover, network), as opposed to errors
// in what we asked of it. Postgres SQLSTATE classes 08 (connection) and 57P (operator intervention), socket errors,
// and the Prisma / pg messages that wrap them. Through a Unix socket a stopped Postgres is ENOENT (its socket file is
// gone) rather than ECONNREFUSED: only that ENOENT counts, never a missing file of any other kind.
const CODES = /^(08\d{3}|57P0[1-3]|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|P1001|P1002|P1017)$/;
const MESSAGES =
  /terminating connection|Connection terminated|not queryable|ECONNREFUSED|ECONNRESET|the database system is (starting up|shutting down)|Can't reach database|Server has closed the connection|Connection ended unexpectedly|Client was closed|connect ENOENT \S*\.s\.PGSQL\.\d+/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };
    if (typeof candidate.code === "string" && CODES.test(candidate.code)) return true;
    if (typeof candidate.originalCode === "string" && CODES.test(candidate.originalCode)) return true;
    if (typeof candidate.message === "string" && MESSAGES.test(candidate.message)) return true;
    current = candidate.cause;
  }
  return false;
}
