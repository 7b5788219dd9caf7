// A harmless, non-secret cookie set on sign-in and cleared on sign-out. When a console page finds no session but
// this marker, the session expired (rather than never existed), and the sign-in page says so.
export const SESSION_MARKER_COOKIE = "sb_had_session";
const ONE_YEAR_S = 365 * 24 * 60 * 60;

export function markSignedIn(): void {
  document.cookie = `${SESSION_MARKER_COOKIE}=1; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
}

export function clearSignedInMark(): void {
  document.cookie = `${SESSION_MARKER_COOKIE}=; path=/; max-age=0; samesite=lax`;
}
