// A harmless, non-secret cookie set on sign-in and cleared on sign-out. When a console page finds no session but
// this marker, the session expired or was ended (rather than never existed), and the sign-in page says so.
export const SESSION_MARKER_COOKIE = "sb_had_session";
