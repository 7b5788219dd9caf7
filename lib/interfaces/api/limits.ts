/** The largest request body the public API reads. */
export const MAX_BODY_BYTES = 64 * 1024;
