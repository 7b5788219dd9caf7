import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<string, BadgeTone> = { queued: "neutral", running: "sky", done: "green", failed: "red" };

export function RunStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={TONES[status] ?? "neutral"} dot data-testid="run-status" data-status={status}>
      {status}
    </Badge>
  );
}

/** Pass rate against the threshold: green at or above it, red below. */
export function PassRateBadge({ passed, total, threshold }: { passed: number; total: number; threshold: number }) {
  if (total === 0) return <span className="text-slate-500">—</span>;
  const rate = passed / total;
  return (
    <Badge tone={rate >= threshold ? "green" : "red"} data-testid="pass-rate">
      {Math.round(rate * 100)}% · {passed}/{total}
    </Badge>
  );
}
