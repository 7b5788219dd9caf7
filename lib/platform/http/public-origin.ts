// The origin outside systems reach this app at, for absolute URLs they are given (agent cards, copy-paste snippets, a
// handoff's callbacks): NEXTAUTH_URL when it is set (`npm start` sets it for the web server and its in-process
// worker), else what the caller knows: the request's origin, or this process's port.
import { processEnv } from "@/lib/platform/config";

/** An origin as configured or derived, without trailing slashes; null for nothing. */
export function trimOrigin(origin: string | null | undefined): string | null {
  const trimmed = origin?.trim().replace(/\/+$/, "");
  return trimmed ? trimmed : null;
}

export function publicOrigin(options: { fallback?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const env = options.env ?? processEnv();
  return (
    trimOrigin(env.NEXTAUTH_URL) ?? trimOrigin(options.fallback) ?? `http://localhost:${env.PORT?.trim() || "3000"}`
  );
}
