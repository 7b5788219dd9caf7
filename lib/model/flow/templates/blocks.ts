// Terse builders the templates share, so each template reads as its flow: nodes on a grid of columns and rows (one
// column per step, 320 px apart; one row per branch, 180 px apart), links between them, permission links to tools.
import type { FlowGraphInput } from "@/lib/model/flow/schema";
import type { BuiltinToolName } from "@/lib/model/tools/catalog";

type Node = FlowGraphInput["nodes"][number];
type Edge = FlowGraphInput["edges"][number];
type Config<K extends Node["kind"]> = Extract<Node, { kind: K }>["config"];

/** The explicit offline stand-in: LLM nodes in templates validate and run with no keys until you pick a model. */
export const TEMPLATE_MODEL = "offline";

export const at = (column: number, row: number) => ({ x: column * 320, y: row * 180 });

export function node<K extends Node["kind"]>(
  kind: K,
  id: string,
  label: string,
  place: [number, number],
  config: Config<K>,
): Node {
  return { id, kind, label, position: at(...place), config } as Node;
}

export const start = (place: [number, number], config: Config<"start">) =>
  node("start", "start", "Start", place, config);

export const escalate = (
  id: string,
  label: string,
  place: [number, number],
  config: { queue: string; reason: string; message: string; priority?: number },
) => node("escalate", id, label, place, { slaMinutes: 15, ...config });

export const reply = (id: string, label: string, place: [number, number], template: string) =>
  node("response", id, label, place, { template });

export const builtinTool = (id: string, label: string, place: [number, number], builtin: BuiltinToolName) =>
  node("tool", id, label, place, { source: "builtin", builtin, sideEffect: builtin !== "lookup_order" });

/** A control link from `source`'s output `handle` (default "out") to `target`. */
export const link = (source: string, target: string, handle = "out"): Edge => ({
  id: `e-${source}-${handle}`,
  source,
  sourceHandle: handle,
  target,
});

/** A permission link: `agent` may call `tool`, with limits. */
export const permit = (agent: string, tool: string, permission: Record<string, unknown> = {}): Edge => ({
  id: `t-${agent}-${tool}`,
  kind: "tool",
  source: agent,
  sourceHandle: "tools",
  target: tool,
  targetHandle: "permission",
  permission: { ratePerConversation: 5, ratePerMinute: 60, ...permission },
});
