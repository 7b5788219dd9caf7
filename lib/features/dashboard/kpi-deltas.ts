// Pure: the change of a KPI against its comparison (the previous period, or the other version) as text and a tone
// that says whether the change is good or bad (the previous period itself: time-window.ts).

export type Tone = "neutral" | "good" | "warn" | "bad";

/** A formatted change, which way it went and its colour (never the colour alone: the arrow and text say it too). */
export type KpiDelta = { text: string; tone: Tone; direction: "up" | "down" | "flat" };

const direction = (rounded: number): KpiDelta["direction"] => (rounded > 0 ? "up" : rounded < 0 ? "down" : "flat");

export type RateKey =
  | "resolved_rate"
  | "reviewed_resolution"
  | "containment"
  | "escalation_rate"
  | "handoff_success"
  | "routing_accuracy"
  | "tool_success"
  | "recontact_rate";
/** Whether a higher value is better; decides the colour of a delta. */
export const HIGHER_IS_BETTER: Record<
  RateKey | "conversations" | "sla_breaches" | "ttr_bot" | "ttr_human" | "first_response",
  boolean | null
> = {
  conversations: null,
  resolved_rate: true,
  reviewed_resolution: true,
  containment: true,
  escalation_rate: false,
  handoff_success: true,
  routing_accuracy: true,
  tool_success: true,
  recontact_rate: false,
  sla_breaches: false,
  ttr_bot: false,
  ttr_human: false,
  first_response: false,
};

function deltaTone(diff: number, higherIsBetter: boolean | null): Tone {
  if (diff === 0 || higherIsBetter === null) return "neutral";
  return diff > 0 === higherIsBetter ? "good" : "bad";
}

/** +5.0, −12, ±0: one decimal below ten, a typographic minus. */
function signed(n: number): string {
  const abs = Math.abs(n);
  return `${n > 0 ? "+" : n < 0 ? "−" : "±"}${abs >= 10 || abs === 0 ? Math.round(abs) : abs.toFixed(1)}`;
}

export function rateDelta(now: number | null, before: number | null, higherIsBetter: boolean | null): KpiDelta | null {
  if (now === null || before === null) return null;
  const pts = Math.round((now - before) * 1000) / 10;
  const text = `${signed(pts)} pts`;
  return { text, tone: deltaTone(Math.round(pts * 10), higherIsBetter), direction: direction(pts) };
}

export function relativeDelta(
  now: number | null,
  before: number | null,
  higherIsBetter: boolean | null,
): KpiDelta | null {
  if (now === null || before === null) return null;
  if (before === 0) return now === 0 ? { text: "±0%", tone: "neutral", direction: "flat" } : null;
  const pct = Math.round(((now - before) / before) * 1000) / 10;
  const text = `${signed(pct)}%`;
  return { text, tone: deltaTone(Math.round(pct * 10), higherIsBetter), direction: direction(pct) };
}
