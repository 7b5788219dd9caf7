// A Live list row for the pure list tests: last active at `updatedAt` (HH:MM:SS on one day), the rest plain.
import type { LiveRow } from "@/lib/features/live/live-rows";

export function liveRow(id: string, updatedAt: string, extra: Partial<LiveRow> = {}): LiveRow {
  return {
    id,
    startedAt: "2026-11-21T10:00:00.000Z",
    updatedAt: `2026-11-21T${updatedAt}.000Z`,
    channel: "web",
    status: "active",
    flow: { slug: "retail", name: "Retail" },
    versionNumber: 1,
    messageCount: 1,
    lastMessage: null,
    lastCustomerMessage: null,
    agents: [],
    cursor: `${Date.parse(`2026-11-21T${updatedAt}.000Z`)}.${id}`,
    ...extra,
  };
}
