import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/** A unique index refused the row: from Prisma's model API (P2002), its raw queries (P2010) or `pg` directly. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return true;
    return error.code === "P2010" && (error.meta as { code?: string } | undefined)?.code === "23505";
  }
  return (error as { code?: unknown } | null)?.code === "23505";
}
