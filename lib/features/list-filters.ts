// Query-string filters for console lists. Unknown values are ignored rather than erroring: a stale bookmark still opens.
import { z } from "zod";
import { CUSTOMER_CHANNELS, type CustomerChannel } from "@/lib/model/flow/channels";

export const CONVERSATION_STATUSES = ["active", "escalated", "resolved", "abandoned", "failed"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const ESCALATION_STATUSES = ["open", "claimed", "resolved"] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

export const ACTOR_TYPES = ["user", "api_key", "agent", "customer", "system"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

type SearchParams = Record<string, string | string[] | undefined>;

export function param(searchParams: SearchParams, key: string): string | undefined {
  const value = searchParams[key];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

export function enumParam<T extends string>(
  searchParams: SearchParams,
  key: string,
  values: readonly T[],
): T | undefined {
  const value = param(searchParams, key);
  return values.includes(value as T) ? (value as T) : undefined;
}

const slug = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

export function slugParam(searchParams: SearchParams, key: string): string | undefined {
  const parsed = slug.safeParse(param(searchParams, key));
  return parsed.success ? parsed.data : undefined;
}

/** The channels an operator filters by; the designer's "test" channel never shows in operations. */
export const LIVE_CHANNELS = CUSTOMER_CHANNELS;
export type LiveChannel = CustomerChannel;

/** An agent node of a flow: the flow's slug and the node's id, in the URL as `flowSlug:nodeId`. */
export type AgentRef = { flowSlug: string; nodeId: string };

export const agentValue = (agent: AgentRef) => `${agent.flowSlug}:${agent.nodeId}`;

export function agentParam(searchParams: SearchParams, key: string): AgentRef | undefined {
  const [flowSlug, nodeId, ...rest] = (param(searchParams, key) ?? "").split(":");
  if (rest.length || !slug.safeParse(flowSlug).success || !slug.safeParse(nodeId).success) return undefined;
  return { flowSlug, nodeId };
}
