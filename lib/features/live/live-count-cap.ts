/**
 * Live stops counting matches here: an exact count of every match costs a scan of all of them on each page load and
 * live snapshot (a common word can match most of 100,000 transcripts); past the cap the page says "more than 10,000".
 * Its own file because the list component needs it and list-conversations.ts is server-only.
 */
export const LIVE_COUNT_CAP = 10_000;
