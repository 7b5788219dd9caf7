import bcrypt from "bcryptjs";

const COST = 12;
// Compared against when there is no hash, so a refusal takes as long as a real check.
const NO_HASH = "$2b$12$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  // People created by SSO have an empty hash: no password may ever match it.
  if (!hash) {
    await bcrypt.compare(password, NO_HASH);
    return false;
  }
  return bcrypt.compare(password, hash);
}
