"use client";
import { formatLocal, formatRelative, formatUtc } from "./format";
import { useNow } from "./use-now";

/**
 * A timestamp in the reader's time zone ("datetime" / "time") or relative to now ("relative", ticking).
 * Renders a UTC form on the server and switches right after hydration.
 */
export function Time({
  value,
  mode = "datetime",
  className,
}: {
  value: string | Date;
  mode?: "datetime" | "time" | "relative";
  className?: string;
}) {
  const date = typeof value === "string" ? new Date(value) : value;
  const now = useNow(mode === "relative" ? 15_000 : 60_000);
  const text =
    now === null ? formatUtc(date) : mode === "relative" ? formatRelative(date, now) : formatLocal(date, now, mode);
  return (
    <time
      dateTime={date.toISOString()}
      title={now === null ? undefined : formatLocal(date, now, "full")}
      className={className}
    >
      {text}
    </time>
  );
}
