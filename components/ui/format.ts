// Time and number formatting shared by server and client components. Pure.
const UTC_DATETIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** Deterministic (UTC) rendering used on the server and during hydration. */
export function formatUtc(date: Date): string {
  return `${UTC_DATETIME.format(date)} UTC`;
}

const LOCAL_DATETIME = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
});
const LOCAL_DATETIME_YEAR = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const LOCAL_TIME = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
const LOCAL_FULL = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "long" });

export function formatLocal(date: Date, now: number, mode: "datetime" | "time" | "full"): string {
  if (mode === "time") return LOCAL_TIME.format(date);
  if (mode === "full") return LOCAL_FULL.format(date);
  return new Date(now).getFullYear() === date.getFullYear()
    ? LOCAL_DATETIME.format(date)
    : LOCAL_DATETIME_YEAR.format(date);
}

export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${Math.max(0, Math.round(abs / 1000))}s`;
  if (abs < 3_600_000) return `${Math.round(abs / 60_000)} min`;
  if (abs < 86_400_000) {
    const h = Math.floor(abs / 3_600_000);
    const m = Math.round((abs % 3_600_000) / 60_000);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(abs / 86_400_000);
  const h = Math.round((abs % 86_400_000) / 3_600_000);
  return h ? `${d} d ${h} h` : `${d} d`;
}

export function formatRelative(date: Date, now: number): string {
  const diff = now - date.getTime();
  if (Math.abs(diff) < 45_000) return "just now";
  return diff > 0 ? `${formatDuration(diff)} ago` : `in ${formatDuration(diff)}`;
}

export function formatStepDuration(ms: number | null): string {
  if (ms === null) return "running";
  if (ms < 1) return "<1 ms";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
