// The node-kind registry: each kind declared once. The canvas palette, inspector, validation and the engine's
// executor table (lib/engine/executors.ts, keyed by the same kinds) all read it.
import type { z } from "zod";
import {
  agentConfig,
  endConfig,
  escalateConfig,
  LOW_CONFIDENCE_HANDLE,
  routerConfig,
  startConfig,
  type FlowNode,
  type NodeKind,
  type NodeOf,
} from "./schema";

export type NodeKindSpec<K extends NodeKind> = {
  kind: K;
  label: string;
  description: string;
  configSchema: z.ZodType;
  /** Output handles; a router has one per route. */
  outputs: (node: NodeOf<K>) => { id: string; label: string }[];
  /** Whether the node accepts incoming control edges. */
  hasInput: boolean;
};

const single = () => [{ id: "out", label: "next" }];

export const NODE_KINDS: { [K in NodeKind]: NodeKindSpec<K> } = {
  start: {
    kind: "start",
    label: "Start",
    description: "Where a conversation enters the flow from a channel.",
    configSchema: startConfig,
    outputs: single,
    hasInput: false,
  },
  router: {
    kind: "router",
    label: "Router",
    description: "Sends the message down one route, chosen by an intent classifier trained on each route's examples.",
    configSchema: routerConfig,
    outputs: (node) => [
      ...node.config.routes.map((route) => ({ id: route.id, label: route.label })),
      { id: LOW_CONFIDENCE_HANDLE, label: "low confidence" },
    ],
    hasInput: true,
  },
  agent: {
    kind: "agent",
    label: "Agent",
    description: "Answers the customer, optionally after calling a tool.",
    configSchema: agentConfig,
    outputs: single,
    hasInput: true,
  },
  escalate: {
    kind: "escalate",
    label: "Human escalation",
    description: "Hands the conversation to a person through the escalation inbox.",
    configSchema: escalateConfig,
    outputs: () => [],
    hasInput: true,
  },
  end: {
    kind: "end",
    label: "End",
    description: "Ends the conversation with an outcome.",
    configSchema: endConfig,
    outputs: () => [],
    hasInput: true,
  },
};

export function nodeOutputs(node: FlowNode): { id: string; label: string }[] {
  return (NODE_KINDS[node.kind].outputs as (n: FlowNode) => { id: string; label: string }[])(node);
}
