// Visual metadata per node kind and category: icons and colours for the palette, nodes and matrix. The behaviour
// lives in lib/model/flow/registry.ts; this file only says how each kind looks.
import {
  BadgeCheck,
  Bot,
  Database,
  Flag,
  GitBranch,
  GitFork,
  Headset,
  Merge,
  MessageSquareText,
  Network,
  Play,
  ShieldCheck,
  Split,
  Workflow,
  UserCheck,
  Wrench,
  Box,
  type LucideIcon,
} from "lucide-react";
import { NODE_KINDS, type NodeCategory } from "@/lib/model/flow/registry";
import type { NodeKind } from "@/lib/model/flow/schema";

export const KIND_ICONS: Record<NodeKind, LucideIcon> = {
  start: Play,
  router: Split,
  agent: Bot,
  tool: Wrench,
  remote_agent: Network,
  guardrail: ShieldCheck,
  verify_customer: UserCheck,
  parallel: GitFork,
  join: Merge,
  escalate: Headset,
  approval: BadgeCheck,
  response: MessageSquareText,
  condition: GitBranch,
  set_memory: Database,
  subflow: Workflow,
  end: Flag,
};

export const CATEGORY_ORDER: NodeCategory[] = [
  "entry",
  "routing",
  "agents",
  "control",
  "governance",
  "people",
  "ending",
];

export const CATEGORY_LABELS: Record<NodeCategory, string> = {
  entry: "Entry",
  routing: "Routing",
  agents: "Agents & tools",
  control: "Control flow",
  governance: "Governance",
  people: "People",
  ending: "Ending",
};

/** Tailwind classes for the icon chip of each category (static strings so Tailwind sees them). */
export const CATEGORY_CHIP: Record<NodeCategory, string> = {
  entry: "bg-slate-100 text-slate-700",
  routing: "bg-indigo-100 text-indigo-700",
  agents: "bg-sky-100 text-sky-700",
  control: "bg-violet-100 text-violet-700",
  governance: "bg-emerald-100 text-emerald-700",
  people: "bg-amber-100 text-amber-800",
  ending: "bg-slate-200 text-slate-700",
};

/** CATEGORY_CHIP as colours, for the overview drawn on a canvas (snapshot-draw.ts): fill, then icon ink. */
export const CATEGORY_CHIP_COLOR: Record<NodeCategory, { fill: string; ink: string }> = {
  entry: { fill: "#f1f5f9", ink: "#334155" },
  routing: { fill: "#e0e7ff", ink: "#4338ca" },
  agents: { fill: "#e0f2fe", ink: "#0369a1" },
  control: { fill: "#ede9fe", ink: "#6d28d9" },
  governance: { fill: "#d1fae5", ink: "#047857" },
  people: { fill: "#fef3c7", ink: "#92400e" },
  ending: { fill: "#e2e8f0", ink: "#334155" },
};

/** MiniMap colours per category. */
export const CATEGORY_COLOR: Record<NodeCategory, string> = {
  entry: "#64748b",
  routing: "#6366f1",
  agents: "#0ea5e9",
  control: "#8b5cf6",
  governance: "#10b981",
  people: "#f59e0b",
  ending: "#475569",
};

/** Tailwind classes for an overview card's coloured left edge, per category. */
export const CATEGORY_EDGE: Record<NodeCategory, string> = {
  entry: "border-l-slate-500",
  routing: "border-l-indigo-500",
  agents: "border-l-sky-500",
  control: "border-l-violet-500",
  governance: "border-l-emerald-500",
  people: "border-l-amber-500",
  ending: "border-l-slate-600",
};

/** How a node of `kind` looks; read-only views pass the kind as stored, so an unknown one gets a plain box. */
export function kindVisual(kind: string): { Icon: LucideIcon; category: NodeCategory; label: string } {
  const spec = NODE_KINDS[kind as NodeKind] as (typeof NODE_KINDS)[NodeKind] | undefined;
  return spec
    ? { Icon: KIND_ICONS[kind as NodeKind], category: spec.category, label: spec.label }
    : { Icon: Box, category: "control", label: kind };
}
