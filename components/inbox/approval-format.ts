// How a held tool call reads to a person: tool labels, money, the approver. Pure; shared by server and client.
import { can, type Role } from "@/lib/model/permissions";
import { BUILTIN_TOOLS } from "@/lib/model/tools/catalog";

/** Short nouns for the built-in side-effect tools ("Refund of $288.00"). */
const TOOL_LABELS: Record<string, string> = {
  refund_order: "Refund",
  cancel_order: "Cancellation",
  change_address: "Address change",
  freeze_card: "Card freeze",
  open_ticket: "Support ticket",
};

export function toolLabel(tool: string): string {
  if (TOOL_LABELS[tool]) return TOOL_LABELS[tool];
  const builtin = (BUILTIN_TOOLS as Record<string, { label: string } | undefined>)[tool];
  if (builtin) return builtin.label;
  const words = tool
    .replace(/[_\-.]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : "Tool call";
}

/** Whether the approval's field is an amount of money (the threshold is then shown as money too). */
export function isMoneyField(field: string): boolean {
  const last = field.split(".").pop() ?? field;
  return /amount|total|price|cost|refund|sum|balance|value|fee|limit/i.test(last);
}

function currencyFormat(currency: string, fractionDigits: number): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: 2,
    });
  } catch {
    return new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: "USD",
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: 2,
    });
  }
}

/** "$288.00" for an amount; a round threshold reads "$100". Non-money fields are plain numbers. */
export function formatValue(value: number, field: string, currency: string, { round = false } = {}): string {
  if (!isMoneyField(field)) return new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(value);
  return currencyFormat(currency, round && Number.isInteger(value) ? 0 : 2).format(value);
}

const ARTICLE: Record<Role, string> = {
  admin: "an admin",
  designer: "a designer",
  operator: "an operator",
  auditor: "an auditor",
};

export function withArticle(role: Role): string {
  return ARTICLE[role];
}

export function approverText(role: Role): string {
  return role === "admin" ? "an admin" : `${ARTICLE[role]} or an admin`;
}

/**
 * Mirrors the server: the action needs `escalation.handle`, and decideApproval the approval's role or admin.
 * The server checks both anyway; this only keeps buttons that would be refused from looking clickable.
 */
export function canDecideApproval(viewerRole: Role, approverRole: Role): boolean {
  return can(viewerRole, "escalation.handle") && (viewerRole === "admin" || viewerRole === approverRole);
}

/** How long a request has waited, as a phrase: "waiting 15 min", "waiting 2 h 5 min"; "just now" under a minute. */
export function waitingFor(since: Date, now: number, duration: (ms: number) => string): string {
  const waited = now - since.getTime();
  return waited < 60_000 ? "waiting since just now" : `waiting ${duration(waited)}`;
}
