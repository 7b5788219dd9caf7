import { Badge, type BadgeTone } from "./badge";

const CONVERSATION_TONES: Record<string, BadgeTone> = {
  active: "sky",
  escalated: "amber",
  resolved: "green",
  abandoned: "neutral",
  failed: "red",
};

export function ConversationStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={CONVERSATION_TONES[status] ?? "neutral"} dot data-status={status}>
      {status}
    </Badge>
  );
}

const ESCALATION_TONES: Record<string, BadgeTone> = { open: "amber", claimed: "indigo", resolved: "green" };

export function EscalationStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={ESCALATION_TONES[status] ?? "neutral"} dot data-status={status}>
      {status}
    </Badge>
  );
}

const PRIORITY: Record<number, { label: string; tone: BadgeTone }> = {
  1: { label: "P1 · high", tone: "red" },
  2: { label: "P2 · normal", tone: "neutral" },
  3: { label: "P3 · low", tone: "sky" },
};

export function PriorityBadge({ priority }: { priority: number }) {
  const p = PRIORITY[priority] ?? { label: `P${priority}`, tone: "neutral" as const };
  return <Badge tone={p.tone}>{p.label}</Badge>;
}

const KIND_TONES: Record<string, BadgeTone> = {
  start: "neutral",
  router: "indigo",
  agent: "sky",
  escalate: "amber",
  end: "green",
};

export function NodeKindBadge({ kind }: { kind: string }) {
  return <Badge tone={KIND_TONES[kind] ?? "neutral"}>{kind}</Badge>;
}

const ROLE_TONES: Record<string, BadgeTone> = {
  admin: "indigo",
  designer: "sky",
  operator: "green",
  auditor: "neutral",
};

export function RoleBadge({ role }: { role: string }) {
  return <Badge tone={ROLE_TONES[role] ?? "neutral"}>{role}</Badge>;
}
