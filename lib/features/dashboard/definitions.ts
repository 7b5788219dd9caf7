// What each KPI means, shown next to it on the dashboard. Pure data: the SQL in refresh-rollups.ts and queries.ts
// implements exactly these sentences; change both together.
import { HISTOGRAM_RELATIVE_ERROR } from "./histogram";

/** A conversation counts as a recontact when the same customer started one with the same intent this many days before. */
export const RECONTACT_DAYS = 7;

export type KpiKey =
  | "conversations"
  | "resolved_rate"
  | "reviewed_resolution"
  | "containment"
  | "escalation_rate"
  | "handoff_success"
  | "routing_accuracy"
  | "ttr_bot"
  | "ttr_human"
  | "tool_success"
  | "recontact_rate"
  | "first_response"
  | "sla_breaches"
  | "node_latency"
  | "model_usage";

const pctError = `${Math.round(HISTOGRAM_RELATIVE_ERROR * 1000) / 10}%`;
const cohort = "Counted over conversations started in the date range (UTC days), designer test runs excluded.";

export const KPI_DEFINITIONS: Record<KpiKey, { label: string; definition: string }> = {
  conversations: { label: "Conversations", definition: `Conversations started in the range. ${cohort}` },
  resolved_rate: {
    label: "Resolved interaction rate",
    definition: `Conversations whose status is now resolved ÷ conversations started. ${cohort}`,
  },
  reviewed_resolution: {
    label: "Reviewed resolution",
    definition:
      "Sampled production conversations a reviewer judged resolved ÷ sampled conversations answered in the review queue (by review date, filtered by the conversation's flow, version and channel). A check on the status-based resolved rate: a conversation can end \"resolved\" without the customer's problem being solved.",
  },
  containment: {
    label: "Containment",
    definition: `Conversations resolved without any escalation to a person (no human involvement) ÷ conversations started. ${cohort}`,
  },
  escalation_rate: {
    label: "Escalation rate",
    definition: `Conversations with at least one escalation to a person ÷ conversations started. ${cohort}`,
  },
  handoff_success: {
    label: "Handoff success",
    definition:
      "A handoff is an agent step whose previous agent step in the conversation ran a different agent (the receiving agent's first step). " +
      "It fails when that step stops to ask the customer for something already known: a rules agent asking for a slot the previous agent had known or extracted (or that it dropped from the state); " +
      "an LLM agent asking although the previous agent had known or extracted slots. Success = handoffs that did not ask again ÷ handoffs.",
  },
  routing_accuracy: {
    label: "Routing accuracy",
    definition:
      "Routing decisions marked correct ÷ routing decisions reviewed, from two sources summed: reviewers' verdicts on single decisions on the conversation page, and the review queue's \"right route?\" answers on sampled production conversations (by review date, filtered by the reviewed conversation's flow, version and channel). Evaluation runs are not counted: they are tests, not operations.",
  },
  ttr_bot: {
    label: "Time to resolution, bot only",
    definition: `Start → end of resolved conversations that never escalated; p50 and p95. Percentiles come from log-scale buckets: within ±${pctError}. ${cohort}`,
  },
  ttr_human: {
    label: "Time to resolution, with a person",
    definition: `Start → end of resolved conversations that escalated at least once; p50 and p95 (within ±${pctError}). ${cohort}`,
  },
  tool_success: {
    label: "Tool-call success",
    definition: `Tool spans with status ok ÷ all tool spans (refusals, errors and denials count as failures). ${cohort}`,
  },
  recontact_rate: {
    label: "Recontact rate",
    definition: `Conversations whose customer had started another conversation with the same routed intent within the previous ${RECONTACT_DAYS} days ÷ conversations with a known customer and intent. ${cohort}`,
  },
  first_response: {
    label: "First response on escalations",
    definition: `Escalation created → first reply by a person; p50 and p95 over escalations answered (within ±${pctError}). ${cohort}`,
  },
  sla_breaches: {
    label: "SLA breaches",
    definition: `Escalations where no person replied before the SLA due time (the SLA timer marked it, or the first reply came late). ${cohort}`,
  },
  node_latency: {
    label: "Latency per node",
    definition: `Duration of each node execution (step start → end); p50 and p95 per node, within ±${pctError}. ${cohort}`,
  },
  model_usage: {
    label: "Tokens and cost per model",
    definition: `Input and output tokens and cost (USD) of every LLM call, by model; cost is as the provider priced it (offline models cost 0). ${cohort}`,
  },
};
