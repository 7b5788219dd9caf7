import type { ReactNode } from "react";
import { clsx } from "clsx";

export type BadgeTone = "neutral" | "indigo" | "sky" | "green" | "amber" | "red";

const tones: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-500/15",
  indigo: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
  sky: "bg-sky-50 text-sky-700 ring-sky-600/20",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/25",
  red: "bg-rose-50 text-rose-700 ring-rose-600/20",
};

const dots: Record<BadgeTone, string> = {
  neutral: "bg-slate-400",
  indigo: "bg-indigo-500",
  sky: "bg-sky-500",
  green: "bg-emerald-500",
  amber: "bg-amber-500",
  red: "bg-rose-500",
};

export function Badge({
  tone = "neutral",
  dot = false,
  children,
  className,
  ...rest
}: {
  tone?: BadgeTone;
  dot?: boolean;
  children: ReactNode;
  className?: string;
} & React.HTMLAttributes<HTMLSpanElement>) {
  return (
    <span
      className={clsx(
        "inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        tones[tone],
        className,
      )}
      {...rest}
    >
      {dot ? <span aria-hidden className={clsx("size-1.5 rounded-full", dots[tone])} /> : null}
      {children}
    </span>
  );
}
