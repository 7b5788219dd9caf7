// Pure: turns the dashboard's raw counts into what the cards and tables show (numbers, units, empty states, tone).
// No database, no React, so it is unit-testable on its own.

export type KpiCounts = {
  windowDays: number;
  started: number;
  resolved: number;
  active: number;
  withEscalation: number;
  messages: number;
  openEscalations: number;
  unclaimedEscalations: number;
  breachedInWindow: number;
  escalationsInWindow: number;
  breachedOpenNow: number;
};

export type KpiTone = "neutral" | "good" | "warn" | "bad";

export type KpiCard = {
  name: "conversations-started" | "resolved-rate" | "escalation-rate" | "open-escalations" | "sla-breached" | "messages-per-conversation";
  label: string;
  /** Null when there is nothing to compute it from; the card then says why. */
  value: string | null;
  detail: string;
  tone: KpiTone;
};

export function formatPercent(ratio: number): string {
  const pct = ratio * 100;
  return `${pct >= 10 || pct === 0 ? Math.round(pct) : pct.toFixed(1)}%`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function prepareKpis(c: KpiCounts): KpiCard[] {
  const window = `in the last ${c.windowDays} days`;
  const none = `No conversations started ${window}.`;
  const hasConversations = c.started > 0;
  return [
    {
      name: "conversations-started",
      label: "Conversations started",
      value: String(c.started),
      detail: hasConversations ? `${window[0].toUpperCase()}${window.slice(1)}; ${c.active} still active.` : `${none} Open a flow's chat page to start one.`,
      tone: "neutral",
    },
    {
      name: "resolved-rate",
      label: "Resolved rate",
      value: hasConversations ? formatPercent(c.resolved / c.started) : null,
      detail: hasConversations ? `${c.resolved} of ${plural(c.started, "conversation")} resolved.` : none,
      tone: !hasConversations ? "neutral" : c.resolved / c.started >= 0.5 ? "good" : "neutral",
    },
    {
      name: "escalation-rate",
      label: "Escalation rate",
      value: hasConversations ? formatPercent(c.withEscalation / c.started) : null,
      detail: hasConversations ? `${c.withEscalation} of ${plural(c.started, "conversation")} handed to a person.` : none,
      tone: !hasConversations ? "neutral" : c.withEscalation / c.started > 0.5 ? "warn" : "neutral",
    },
    {
      name: "open-escalations",
      label: "Open escalations",
      value: String(c.openEscalations),
      detail:
        c.openEscalations === 0
          ? "Nobody is waiting for a person right now."
          : `${c.unclaimedEscalations} not yet claimed; all time, not only ${window}.`,
      tone: c.unclaimedEscalations > 0 ? "warn" : "neutral",
    },
    {
      name: "sla-breached",
      label: "SLA-breached escalations",
      value: c.escalationsInWindow > 0 ? String(c.breachedInWindow) : c.breachedOpenNow > 0 ? "0" : null,
      detail:
        c.escalationsInWindow === 0
          ? c.breachedOpenNow === 0
            ? `No escalations ${window}.`
            : `No escalations ${window}, but ${c.breachedOpenNow} older ${c.breachedOpenNow === 1 ? "one is" : "ones are"} open past due.`
          : `${c.breachedInWindow} of ${plural(c.escalationsInWindow, "escalation")} ${window} missed their SLA; ${c.breachedOpenNow} open past due now.`,
      tone: c.breachedOpenNow > 0 ? "bad" : c.breachedInWindow > 0 ? "warn" : "good",
    },
    {
      name: "messages-per-conversation",
      label: "Messages per conversation",
      value: hasConversations ? (c.messages / c.started).toFixed(1) : null,
      detail: hasConversations ? `${plural(c.messages, "message")} across ${plural(c.started, "conversation")}, all roles.` : none,
      tone: "neutral",
    },
  ];
}
