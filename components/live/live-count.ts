import { LIVE_COUNT_CAP } from "@/lib/features/live/live-count-cap";

/** A total as the page says it: past the cap the server stopped counting. */
export const liveCountLabel = (total: number) =>
  total > LIVE_COUNT_CAP ? `more than ${LIVE_COUNT_CAP.toLocaleString("en")}` : total.toLocaleString("en");
