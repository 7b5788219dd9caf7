import { randomBytes } from "node:crypto";

/**
 * An id for rows the engine inserts with raw SQL, shaped like Prisma's cuid (a letter, then base-36): the time first,
 * so ids sort roughly by creation, then 80 random bits.
 */
export function newId(): string {
  const random = BigInt(`0x${randomBytes(10).toString("hex")}`)
    .toString(36)
    .padStart(16, "0");
  return `c${Date.now().toString(36)}${random}`;
}
