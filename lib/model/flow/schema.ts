// The persisted flow graph: Switchboard's own format, versioned, never React Flow's objects.
// One zod schema per node kind; the registry (registry.ts) adds labels, ports and behaviour flags that the
// canvas, validation and the engine all read.
import { z } from "zod";
import { ROLES } from "@/lib/model/permissions";
import { nodeSenderNameSchema as senderName } from "@/lib/model/sender-name";
import { SLOT_KINDS } from "./slot-kinds";
import { BUILTIN_TOOL_NAMES } from "@/lib/model/tools/catalog";
import { RECORD_SCOPES } from "@/lib/model/tools/record-scopes";
import { remoteAgentConfig, toolConfig } from "./tool-configs";
import { verifyCustomerConfig } from "./verify-customer-config";
import { MODES_BY_KIND, withoutInvalidInactive } from "./node-modes";
import { annotationFields } from "./annotations";
import { idSchema, positionSchema } from "./basics";

export const FLOW_SCHEMA_VERSION = 1;

export { idSchema };
const position = positionSchema;
const label = z.string().trim().min(1, "Give it a name.").max(80);
/** A filtrex expression over the conversation state, e.g. `state.order.total > 100 and intent == "refund"`. */
const expression = z.string().trim().min(1, "Write an expression.").max(500);
const template = z.string().min(1, "Write the text.").max(4000);

// ---- node configs ----

export const routeSchema = z.object({
  id: idSchema,
  label,
  /** Training utterances for the classifier strategy. */
  examples: z.array(z.string().trim().min(1).max(500)).max(5000).default([]),
  /** For the rules strategy: the route is taken when this expression is true. */
  rule: z.string().max(500).default(""),
  /** For the LLM strategy: what the route is for, shown to the model. */
  description: z.string().max(500).default(""),
});

/**
 * How a classifier is trained and run: "fast" on the words of the examples alone; "semantic" adds a sentence
 * encoder's reading of their meaning, which recognises paraphrases from fewer examples for 10–25 ms per message.
 */
export const ROUTER_MODES = ["fast", "semantic"] as const;
export type RouterMode = (typeof ROUTER_MODES)[number];
const routerMode = z.enum(ROUTER_MODES).default("fast");

export const routerConfig = z.object({
  strategy: z.enum(["classifier", "llm", "rules"]).default("classifier"),
  /** For the classifier strategy. */
  mode: routerMode,
  threshold: z.number().min(0).max(1).default(0.5),
  model: z.string().max(100).default(""),
  routes: z.array(routeSchema).min(2, "A router needs at least two routes."),
});

/**
 * Routes checked on every customer message before the current node sees it: asking for a person mid-question,
 * starting over, frustration. Each route is an output of the start node, linked on the canvas like a router's.
 */
export const interruptionRouteSchema = routeSchema.extend({
  /** Small talk ("thanks", "hello"): once its path has answered, the interrupted question is asked again. */
  returnAfter: z.boolean().default(false),
  /**
   * Start over: a request waiting for an approval is withdrawn (closed as rejected, with the customer's reason), so
   * the fresh start is real and no one approves something the customer no longer wants.
   */
  withdrawsWaiting: z.boolean().default(false),
});

export const DEFAULT_RETURN_PROMPT = "Back to your earlier request: is there anything else I can help with there?";

export const interruptionsConfig = z.object({
  strategy: z.enum(["classifier", "rules"]).default("classifier"),
  /** For the classifier strategy. */
  mode: routerMode,
  threshold: z.number().min(0).max(1).default(0.6),
  routes: z.array(interruptionRouteSchema).max(12).default([]),
  /**
   * Mid-task, a message the flow's first router confidently sends to another route switches to it, keeping what the
   * conversation already knows (order numbers, e-mail) for the next agent.
   */
  switchIntents: z.boolean().default(true),
  switchThreshold: z.number().min(0).max(1).default(0.7),
  /**
   * Routes of that router a mid-question message never switches to: a catch-all such as "out of scope" takes what the
   * router does not recognise, and an answer it does not recognise ("62701") is still an answer.
   */
  neverSwitchTo: z.array(z.string().max(100)).max(20).default([]),
  /**
   * Once the new request's path is done, go back to the task the switch interrupted: it asks what it still needs, or,
   * knowing everything, asks the return question below (the customer may have only wanted to add something first).
   */
  returnAfterSwitch: z.boolean().default(false),
  returnPrompt: z.string().max(1000).default(DEFAULT_RETURN_PROMPT),
  /** What the customer hears when they write while the run waits on an approval and no interruption applies. */
  waitingReply: z
    .string()
    .max(1000)
    .default(
      "Your request is still waiting for our team's review, and I'll reply here as soon as it's decided. If you'd rather talk to a person meanwhile, just say so.",
    ),
});

export const startConfig = z.object({
  channels: z
    .array(z.enum(["web", "api"]))
    .min(1, "Pick at least one channel.")
    .default(["web", "api"]),
  greeting: z.string().max(1000).default(""),
  interruptions: interruptionsConfig.default(() => interruptionsConfig.parse({})),
  /** Who customers see as the sender of this flow's replies; empty: the workspace's assistant name. */
  senderName: senderName,
});

export const slotSchema = z.object({
  name: idSchema,
  kind: z.enum(SLOT_KINDS),
  required: z.boolean().default(true),
  prompt: z.string().max(500).default(""),
});

export const agentConfig = z.object({
  mode: z.enum(["llm", "deterministic"]).default("deterministic"),
  // LLM agents
  model: z.string().max(100).default("gpt-4o-mini"),
  systemPrompt: z.string().max(20_000).default(""),
  temperature: z.number().min(0).max(2).default(0.2),
  maxTurns: z.number().int().min(1).max(50).default(6),
  fallbackModel: z.string().max(100).default(""),
  // Deterministic agents
  slots: z.array(slotSchema).max(20).default([]),
  /**
   * How often a slot is asked for again after an answer that did not contain it; one more miss hands the conversation
   * to a person instead of asking forever.
   */
  reaskLimit: z.number().int().min(0).max(10).default(2),
  /** Built-in tool the deterministic agent calls once its slots are filled; it must also be permitted by a tool link. */
  tool: z.enum(BUILTIN_TOOL_NAMES).optional(),
  reply: z.string().max(4000).default(""),
  senderName,
});

// Defined beside this file to keep it readable; exported from here like every other node's config.
export { remoteAgentConfig, toolConfig, verifyCustomerConfig };

export const guardrailPolicy = z.object({
  type: z.enum([
    "pii_redact",
    "blocked_phrases",
    "required_disclosure",
    "prompt_injection",
    "output_schema",
    "exact_wording",
  ]),
  // An output schema is one JSON Schema document in values[0], so values may be long; phrases stay short in practice.
  values: z.array(z.string().max(20_000)).max(200).default([]),
});

export const guardrailConfig = z.object({
  stage: z.enum(["input", "output"]).default("input"),
  policies: z.array(guardrailPolicy).min(1, "Add at least one policy."),
  onViolation: z.enum(["block", "redact", "escalate"]).default("block"),
});

export const parallelConfig = z.object({
  branches: z
    .array(z.object({ id: idSchema, label }))
    .min(2, "Fan out to at least two branches.")
    .max(16),
});

export const joinConfig = z.object({
  mode: z.enum(["all", "any", "first_n"]).default("all"),
  n: z.number().int().min(1).max(16).default(1),
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(24 * 60 * 60 * 1000)
    .default(30_000),
});

export const escalateConfig = z.object({
  queue: z.string().trim().min(1).max(60).default("general"),
  skills: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  priority: z.number().int().min(1).max(3).default(2),
  slaMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(15),
  reason: z.string().trim().min(1, "Say why it escalates.").max(200),
  message: z.string().trim().min(1, "Tell the customer what happens next.").max(1000),
  /** The name of a handoff endpoint (Settings → Webhooks) whose contact centre takes the conversation; empty = the inbox. */
  handoff: z.string().trim().max(80).optional(),
  senderName,
});

export const approvalConfig = z.object({
  approverRole: z.enum(ROLES).default("operator"),
  /** The tool node whose calls need approval. */
  toolNodeId: idSchema.optional(),
  /** Approval is needed when this state field exceeds the threshold (e.g. `amount`). */
  field: z.string().max(100).default("amount"),
  threshold: z.number().min(0).default(100),
  message: z.string().max(1000).default("This needs a quick check by our team. I'll update you here."),
});

export const responseConfig = z.object({
  /** Exact wording: sent verbatim with variables filled, e.g. a compliance disclosure. */
  template,
  senderName,
});

export const conditionConfig = z.object({
  branches: z
    .array(z.object({ id: idSchema, label, expression }))
    .min(1, "Add at least one branch.")
    .max(20),
});

export const setMemoryConfig = z.object({
  assignments: z
    .array(
      z.object({
        key: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, "Use a dotted name like order.number."),
        value: z.string().max(2000),
        scope: z.enum(["conversation", "customer"]).default("conversation"),
      }),
    )
    .min(1, "Set at least one value.")
    .max(50),
});

export const subflowConfig = z.object({
  flowSlug: z.string().trim().min(1, "Pick the flow to call.").max(64),
  pass: z.array(z.string().max(100)).max(50).default([]),
});

export const endConfig = z.object({
  outcome: z.enum(["resolved", "abandoned", "transferred"]).default("resolved"),
});

// ---- failure policy (any node) ----

/** The output a node with `onError: "fallback"` takes when it fails for good. */
export const ERROR_HANDLE = "error";

/**
 * What the engine does when a node fails: per-node timeout, retries with exponential backoff and jitter for
 * retriable failures (timeouts, flaky dependencies), then escalate to a person with the full context (the default:
 * never a dead end), follow the node's "error" output, or mark the conversation failed.
 */
export const nodePolicySchema = z.object({
  timeoutMs: z
    .number()
    .int()
    .min(50)
    .max(10 * 60_000)
    .default(10_000),
  retries: z.number().int().min(0).max(10).default(2),
  backoffMs: z.number().int().min(0).max(60_000).default(200),
  onError: z.enum(["escalate", "fallback", "fail"]).default("escalate"),
});
export type NodePolicy = z.output<typeof nodePolicySchema>;
export const DEFAULT_NODE_POLICY: NodePolicy = nodePolicySchema.parse({});

// ---- nodes ----

const base = { id: idSchema, label, position, policy: nodePolicySchema.optional() };

export const flowNodeSchema = z.discriminatedUnion("kind", [
  z.object({ ...base, kind: z.literal("start"), config: startConfig }),
  z.object({ ...base, kind: z.literal("router"), config: routerConfig }),
  z.object({ ...base, kind: z.literal("agent"), config: agentConfig }),
  z.object({ ...base, kind: z.literal("tool"), config: toolConfig }),
  z.object({ ...base, kind: z.literal("remote_agent"), config: remoteAgentConfig }),
  z.object({ ...base, kind: z.literal("verify_customer"), config: verifyCustomerConfig }),
  z.object({ ...base, kind: z.literal("guardrail"), config: guardrailConfig }),
  z.object({ ...base, kind: z.literal("parallel"), config: parallelConfig }),
  z.object({ ...base, kind: z.literal("join"), config: joinConfig }),
  z.object({ ...base, kind: z.literal("escalate"), config: escalateConfig }),
  z.object({ ...base, kind: z.literal("approval"), config: approvalConfig }),
  z.object({ ...base, kind: z.literal("response"), config: responseConfig }),
  z.object({ ...base, kind: z.literal("condition"), config: conditionConfig }),
  z.object({ ...base, kind: z.literal("set_memory"), config: setMemoryConfig }),
  z.object({ ...base, kind: z.literal("subflow"), config: subflowConfig }),
  z.object({ ...base, kind: z.literal("end"), config: endConfig }),
]);

// ---- edges ----

/** An agent→tool link: the permission for that agent to call that tool, with its limits. */
export const toolPermissionSchema = z.object({
  ratePerConversation: z.number().int().min(0).max(1000).default(0), // 0 = unlimited
  ratePerMinute: z.number().int().min(0).max(100_000).default(0),
  /** Calls whose `approvalField` exceeds this amount wait for a person; null = never. */
  approvalAbove: z.number().min(0).nullable().default(null),
  approvalField: z.string().max(100).default("amount"),
  approverRole: z.enum(ROLES).default("operator"),
  /** What the customer is told while the call waits, sent verbatim with variables filled (e.g. a policy disclosure). */
  approvalMessage: z.string().max(1000).default(""),
  dataScopes: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  /**
   * Whose records the agent may reach through this tool: "own" (customer-facing agents) only the conversation's
   * verified customer's, "any" (internal agents working for staff) any customer's.
   */
  records: z.enum(RECORD_SCOPES).default("own"),
});

export const flowEdgeSchema = z.object({
  id: idSchema,
  kind: z.enum(["control", "tool"]).default("control"),
  source: idSchema,
  /** Which output of the source: a route or branch id, "out", or "tools" for a tool link. */
  sourceHandle: idSchema.default("out"),
  target: idSchema,
  /** "in" for control edges, "permission" for tool links. */
  targetHandle: idSchema.default("in"),
  label: z.string().max(80).optional(),
  permission: toolPermissionSchema.optional(),
});

export const flowGraphSchema = z.object({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  nodes: z.array(flowNodeSchema).min(1).max(5000),
  edges: z.array(flowEdgeSchema).max(10000),
  ...annotationFields,
});

export const NODE_KIND_NAMES = flowNodeSchema.options.map((option) => option.shape.kind.value) as [
  z.output<typeof flowNodeSchema>["kind"],
  ...z.output<typeof flowNodeSchema>["kind"][],
];

// A draft is work in progress: a node just dropped from the palette has empty required settings. Drafts must be
// structurally sound (ids, kinds, positions, edges) so the canvas can open them, but a node's config is kept as
// written when it is not valid yet; validation shows what is missing and publishing requires flowGraphSchema.
const draftNodeSchema = z
  .object({
    id: idSchema,
    kind: z.enum(NODE_KIND_NAMES),
    label: z.string().max(80),
    position,
    policy: nodePolicySchema.optional(),
    config: z.record(z.string(), z.unknown()),
  })
  .transform((node) => {
    const strict = flowNodeSchema.safeParse(node);
    if (strict.success) return strict.data;
    // A stale value of another mode's setting goes back to its default rather than keeping the node a draft.
    const modes = MODES_BY_KIND[node.kind];
    const config = modes
      ? withoutInvalidInactive(
          modes,
          node.config,
          strict.error.issues.filter((i) => i.path[0] === "config").map((i) => i.path.slice(1)),
        )
      : node.config;
    const pruned = config === node.config ? strict : flowNodeSchema.safeParse({ ...node, config });
    return (pruned.success ? pruned.data : node) as z.output<typeof flowNodeSchema>;
  });

export const draftGraphSchema = z.object({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  nodes: z.array(draftNodeSchema).min(1).max(5000),
  edges: z.array(flowEdgeSchema).max(10000),
  ...annotationFields,
});

/** The extra router output taken when the classifier's confidence is below the threshold. */
export const LOW_CONFIDENCE_HANDLE = "low_confidence";

export type FlowGraph = z.output<typeof flowGraphSchema>;
/** What authors (demo seeds, imports, the canvas) may write: defaults are filled in by parsing. */
export type FlowGraphInput = z.input<typeof flowGraphSchema>;
export type FlowNode = z.output<typeof flowNodeSchema>;
export type FlowEdge = z.output<typeof flowEdgeSchema>;
export type { FlowGroup, FlowNote } from "./annotations";
export type ToolPermission = z.output<typeof toolPermissionSchema>;
export type NodeKind = FlowNode["kind"];
export type NodeOf<K extends NodeKind> = Extract<FlowNode, { kind: K }>;
