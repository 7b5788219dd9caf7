// The node-kind registry: each kind declared once. The canvas palette, inspector, validation, import and the
// engine's executor table (lib/runtime/engine/nodes/executors.ts, keyed by the same kinds) all read it.
import type { z } from "zod";
import { BUILTIN_TOOLS } from "@/lib/model/tools/catalog";
import { NOT_VERIFIED_HANDLE } from "./verify-customer-config";
import { AGENT_MODES, JOIN_MODES, ROUTER_MODES, TOOL_MODES, VERIFY_CUSTOMER_MODES, type NodeModes } from "./node-modes";
import {
  agentConfig,
  approvalConfig,
  conditionConfig,
  endConfig,
  ERROR_HANDLE,
  escalateConfig,
  guardrailConfig,
  joinConfig,
  LOW_CONFIDENCE_HANDLE,
  parallelConfig,
  remoteAgentConfig,
  responseConfig,
  routerConfig,
  setMemoryConfig,
  startConfig,
  subflowConfig,
  toolConfig,
  verifyCustomerConfig,
  type FlowNode,
  type NodeKind,
  type NodeOf,
} from "./schema";

export type Port = { id: string; label: string };
export type NodeCategory = "entry" | "routing" | "agents" | "control" | "governance" | "people" | "ending";

export type NodeKindSpec<K extends NodeKind> = {
  kind: K;
  label: string;
  description: string;
  category: NodeCategory;
  configSchema: z.ZodType<NodeOf<K>["config"], unknown>;
  /** The modes the kind runs in and the fields each reads: the inspector shows and validation judges only those. */
  modes?: NodeModes;
  /** Config of a node freshly dropped from the palette (may be incomplete: validation says what is missing). */
  defaultConfig: () => unknown;
  /** Control-flow outputs. */
  outputs: (node: NodeOf<K>) => Port[];
  /** Accepts incoming control edges on "in". */
  hasInput: boolean;
  /** Agents link to the tools they may call from their "tools" handle; tools receive them on "permission". */
  toolLinks?: "source" | "target";
  /** May suspend the turn waiting for the customer, a person or a timer: the only legal way to close a loop. */
  suspends: boolean;
  /** One-line summaries of the key settings, shown on the canvas node. */
  summary: (node: NodeOf<K>) => string[];
};

const OUT: Port[] = [{ id: "out", label: "next" }];
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const clip = (text: string, max = 48) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const NODE_KINDS: { [K in NodeKind]: NodeKindSpec<K> } = {
  start: {
    kind: "start",
    label: "Start",
    description: "Where a conversation enters the flow from a channel.",
    category: "entry",
    configSchema: startConfig,
    defaultConfig: () => ({ channels: ["web", "api"], greeting: "" }),
    // "out" is the way in; each interruption route is an output of its own, taken instead when the check fires.
    // A draft whose start settings do not parse yet has no interruptions to offer.
    outputs: (n) => [...OUT, ...(n.config.interruptions?.routes ?? []).map((r) => ({ id: r.id, label: r.label }))],
    hasInput: false,
    suspends: false,
    summary: (n) => [
      n.config.channels.join(" · "),
      n.config.greeting ? `“${clip(n.config.greeting)}”` : "no greeting",
      ...(n.config.interruptions?.routes.length
        ? [`interruptions: ${n.config.interruptions.routes.map((r) => r.label).join(", ")}`]
        : []),
    ],
  },
  router: {
    kind: "router",
    label: "Router",
    description:
      "Sends the message down one route: an intent classifier trained on each route's examples, an LLM, or rules.",
    category: "routing",
    configSchema: routerConfig,
    modes: ROUTER_MODES,
    defaultConfig: () => ({
      strategy: "classifier",
      mode: "fast",
      threshold: 0.5,
      model: "",
      routes: [
        { id: "route_a", label: "Route A", examples: [], rule: "", description: "" },
        { id: "route_b", label: "Route B", examples: [], rule: "", description: "" },
      ],
    }),
    outputs: (n) => [
      ...n.config.routes.map((r) => ({ id: r.id, label: r.label })),
      { id: LOW_CONFIDENCE_HANDLE, label: "low confidence" },
    ],
    hasInput: true,
    suspends: false,
    summary: (n) => [
      `${n.config.strategy} · ${plural(n.config.routes.length, "route")}`,
      n.config.strategy === "rules" ? "first matching rule" : `threshold ${n.config.threshold}`,
    ],
  },
  agent: {
    kind: "agent",
    label: "Agent",
    description:
      "An LLM agent (model, prompt, tools) or a deterministic one (slot extraction, a tool call, a reply template).",
    category: "agents",
    configSchema: agentConfig,
    modes: AGENT_MODES,
    defaultConfig: () => ({
      mode: "deterministic",
      model: "gpt-4o-mini",
      systemPrompt: "",
      temperature: 0.2,
      maxTurns: 6,
      fallbackModel: "",
      slots: [],
      reply: "",
    }),
    outputs: () => OUT,
    hasInput: true,
    toolLinks: "source",
    suspends: true,
    summary: (n) =>
      n.config.mode === "llm"
        ? [`LLM · ${n.config.model}`, n.config.systemPrompt ? clip(n.config.systemPrompt) : "no system prompt"]
        : [
            `deterministic${n.config.tool ? ` · ${n.config.tool}` : ""}`,
            n.config.reply ? `“${clip(n.config.reply)}”` : "no reply template",
          ],
  },
  tool: {
    kind: "tool",
    label: "Tool",
    description: "A built-in, HTTP or MCP tool. Agents may call it only through a permission link.",
    category: "agents",
    configSchema: toolConfig,
    modes: TOOL_MODES,
    defaultConfig: () => ({ source: "builtin", builtin: "lookup_order", sideEffect: false }),
    outputs: () => OUT,
    hasInput: true,
    toolLinks: "target",
    suspends: false,
    summary: (n) =>
      n.config.source === "builtin"
        ? [
            n.config.builtin ? BUILTIN_TOOLS[n.config.builtin].label : "no tool chosen",
            n.config.sideEffect ? "changes data" : "read-only",
          ]
        : n.config.source === "http"
          ? [`${n.config.http?.method ?? "GET"} ${clip(n.config.http?.url ?? "", 40) || "no URL"}`]
          : [`MCP ${n.config.mcp?.tool || "no tool"}`],
  },
  verify_customer: {
    kind: "verify_customer",
    label: "Verify customer",
    description:
      "Confirms who the customer is before account tools run: order details checked against the data, or a one-time code sent to the e-mail on file.",
    category: "governance",
    configSchema: verifyCustomerConfig,
    modes: VERIFY_CUSTOMER_MODES,
    defaultConfig: () => ({
      method: "knowledge",
      secondFactor: "email_or_postcode",
      prompt: "",
      maxAttempts: 3,
      codeTtlMinutes: 10,
      verifiedMessage: "Thank you, that matches our records.",
    }),
    // An already verified customer (the API named them, the host site signed them in) goes straight on.
    outputs: () => [
      { id: "out", label: "verified" },
      { id: NOT_VERIFIED_HANDLE, label: "not verified" },
    ],
    hasInput: true,
    suspends: true,
    summary: (n) => [
      n.config.method === "email_code"
        ? `e-mailed code · ${n.config.codeTtlMinutes} min`
        : "order number + e-mail or postcode",
      plural(n.config.maxAttempts, "attempt"),
    ],
  },
  remote_agent: {
    kind: "remote_agent",
    label: "Remote agent",
    description:
      "An external agent over A2A. Agents may call it only through a permission link; on the flow's path it answers the customer.",
    category: "agents",
    configSchema: remoteAgentConfig,
    defaultConfig: () => ({
      cardUrl: "",
      skill: "",
      message: "{{message}}",
      headers: [],
      timeoutMs: 8_000,
      sideEffect: false,
      replyToCustomer: true,
      outputKey: "",
    }),
    outputs: () => OUT,
    hasInput: true,
    toolLinks: "target",
    suspends: false,
    summary: (n) => [
      n.config.cardUrl ? `A2A ${clip(n.config.cardUrl.replace(/^https?:\/\//, ""), 40)}` : "no agent card URL",
      [
        n.config.skill ? `skill ${n.config.skill}` : "any skill",
        n.config.sideEffect ? "changes data" : "read-only",
      ].join(" · "),
    ],
  },
  guardrail: {
    kind: "guardrail",
    label: "Guardrail",
    description:
      "Checks input or output against policies: PII, blocked phrases, disclosures, prompt injection, schema.",
    category: "governance",
    configSchema: guardrailConfig,
    defaultConfig: () => ({ stage: "input", policies: [{ type: "pii_redact", values: [] }], onViolation: "redact" }),
    outputs: () => [
      { id: "pass", label: "pass" },
      { id: "violation", label: "violation" },
    ],
    hasInput: true,
    suspends: false,
    summary: (n) => [
      `${n.config.stage} · on violation ${n.config.onViolation}`,
      n.config.policies.map((p) => p.type).join(", "),
    ],
  },
  parallel: {
    kind: "parallel",
    label: "Parallel",
    description: "Fans out to several branches at once; a Join brings them back together.",
    category: "control",
    configSchema: parallelConfig,
    defaultConfig: () => ({
      branches: [
        { id: "branch_1", label: "Branch 1" },
        { id: "branch_2", label: "Branch 2" },
      ],
    }),
    outputs: (n) => n.config.branches.map((b) => ({ id: b.id, label: b.label })),
    hasInput: true,
    suspends: false,
    summary: (n) => [plural(n.config.branches.length, "branch")],
  },
  join: {
    kind: "join",
    label: "Join",
    description: "Waits for parallel branches: all, any, or the first N, with a timeout.",
    category: "control",
    configSchema: joinConfig,
    modes: JOIN_MODES,
    defaultConfig: () => ({ mode: "all", n: 1, timeoutMs: 30_000 }),
    outputs: () => [
      { id: "out", label: "joined" },
      { id: "timeout", label: "timeout" },
    ],
    hasInput: true,
    suspends: true,
    summary: (n) => [
      n.config.mode === "first_n" ? `first ${n.config.n}` : n.config.mode,
      `timeout ${n.config.timeoutMs / 1000}s`,
    ],
  },
  escalate: {
    kind: "escalate",
    label: "Human escalation",
    description:
      "Hands the conversation to a person through the escalation inbox, or to an external contact centre, with queue, skills, priority and SLA.",
    category: "people",
    configSchema: escalateConfig,
    defaultConfig: () => ({ queue: "general", skills: [], priority: 2, slaMinutes: 15, reason: "", message: "" }),
    outputs: () => [],
    hasInput: true,
    suspends: true,
    summary: (n) => [
      `${n.config.queue} · P${n.config.priority} · SLA ${n.config.slaMinutes} min`,
      n.config.reason || "no reason",
      ...(n.config.handoff ? [`→ ${n.config.handoff}`] : []),
    ],
  },
  approval: {
    kind: "approval",
    label: "Approval",
    description: "Holds a tool call above a threshold until someone with the right role approves or rejects it.",
    category: "people",
    configSchema: approvalConfig,
    defaultConfig: () => ({
      approverRole: "operator",
      field: "amount",
      threshold: 100,
      message: "This needs a quick check by our team. I'll update you here.",
    }),
    outputs: () => [
      { id: "approved", label: "approved" },
      { id: "rejected", label: "rejected" },
    ],
    hasInput: true,
    suspends: true,
    summary: (n) => [`${n.config.field} > ${n.config.threshold}`, `approved by ${n.config.approverRole}`],
  },
  response: {
    kind: "response",
    label: "Response",
    description: "Sends exact, approved wording with variables filled in: for compliance turns.",
    category: "governance",
    configSchema: responseConfig,
    defaultConfig: () => ({ template: "" }),
    outputs: () => OUT,
    hasInput: true,
    suspends: false,
    summary: (n) => [n.config.template ? `“${clip(n.config.template)}”` : "no wording yet"],
  },
  condition: {
    kind: "condition",
    label: "Condition",
    description: "Takes the first branch whose expression over the conversation state is true, else the else branch.",
    category: "control",
    configSchema: conditionConfig,
    defaultConfig: () => ({ branches: [{ id: "when_1", label: "When", expression: "" }] }),
    outputs: (n) => [...n.config.branches.map((b) => ({ id: b.id, label: b.label })), { id: "else", label: "else" }],
    hasInput: true,
    suspends: false,
    summary: (n) => n.config.branches.slice(0, 2).map((b) => clip(b.expression || "(empty)")),
  },
  set_memory: {
    kind: "set_memory",
    label: "Set memory",
    description: "Stores values in the conversation state or the customer's long-term memory.",
    category: "control",
    configSchema: setMemoryConfig,
    defaultConfig: () => ({ assignments: [{ key: "", value: "", scope: "conversation" }] }),
    outputs: () => OUT,
    hasInput: true,
    suspends: false,
    summary: (n) => n.config.assignments.slice(0, 2).map((a) => `${a.key || "?"} = ${clip(a.value, 30)}`),
  },
  subflow: {
    kind: "subflow",
    label: "Sub-flow",
    description: "Calls another published flow with explicit context: the supervisor pattern.",
    category: "agents",
    configSchema: subflowConfig,
    defaultConfig: () => ({ flowSlug: "", pass: [] }),
    outputs: () => OUT,
    hasInput: true,
    suspends: true,
    summary: (n) => [
      n.config.flowSlug || "no flow chosen",
      n.config.pass.length ? `passes ${n.config.pass.join(", ")}` : "passes nothing",
    ],
  },
  end: {
    kind: "end",
    label: "End",
    description: "Ends the conversation: resolved, abandoned or transferred.",
    category: "ending",
    configSchema: endConfig,
    defaultConfig: () => ({ outcome: "resolved" }),
    outputs: () => [],
    hasInput: true,
    suspends: false,
    summary: (n) => [n.config.outcome],
  },
};

export const NODE_KIND_LIST = Object.values(NODE_KINDS) as NodeKindSpec<NodeKind>[];

export function nodeOutputs(node: FlowNode): Port[] {
  const ports = (NODE_KINDS[node.kind].outputs as (n: FlowNode) => Port[])(node);
  // Any node can declare a fallback path for when it fails for good (see nodePolicySchema).
  return node.policy?.onError === "fallback" ? [...ports, { id: ERROR_HANDLE, label: "on error" }] : ports;
}

export function nodeSummary(node: FlowNode): string[] {
  return (NODE_KINDS[node.kind].summary as (n: FlowNode) => string[])(node);
}
