import { SESSION_MARKER_COOKIE } from "@/lib/platform/auth/session-marker";

const ONE_YEAR_S = 365 * 24 * 60 * 60;

export function markSignedIn(): void {
  document.cookie = `${SESSION_MARKER_COOKIE}=1; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
}

export function clearSignedInMark(): void {
  document.cookie = `${SESSION_MARKER_COOKIE}=; path=/; max-age=0; samesite=lax`;
}
